import Foundation
import Testing

@testable import QanunCore

@Suite struct TextDecoderTests {
    @Test func utf8WithAndWithoutBOM() throws {
        let plain = Data("Maddə 1. Qanun".utf8)
        #expect(try TextDecoder.decode(plain).text == "Maddə 1. Qanun")
        let bom = Data([0xEF, 0xBB, 0xBF]) + plain
        let decoded = try TextDecoder.decode(bom)
        #expect(decoded.text == "Maddə 1. Qanun")
        #expect(decoded.encoding == .utf8)
    }

    @Test func utf16WithBOM() throws {
        let le = Data([0xFF, 0xFE]) + "Статья 1".data(using: .utf16LittleEndian)!
        let be = Data([0xFE, 0xFF]) + "Статья 1".data(using: .utf16BigEndian)!
        #expect(try TextDecoder.decode(le).text == "Статья 1")
        #expect(try TextDecoder.decode(be).text == "Статья 1")
        #expect(try TextDecoder.decode(be).encoding == .utf16)
    }

    @Test func windows1251() throws {
        let text = "Статья 1. Гражданское законодательство основывается на признании равенства участников, её нормы"
        let data = text.data(using: .windowsCP1251)!
        let decoded = try TextDecoder.decode(data)
        #expect(decoded.text == text)
        #expect(decoded.encoding == .windows1251)
    }

    @Test func emptyIsRefused() {
        #expect(throws: ReadError.empty) { try TextDecoder.decode(Data()) }
    }

    @Test func binaryIsRefusedWithOffset() {
        let data = Data("PK".utf8) + Data([0x03, 0x04, 0x00, 0x00, 0x14])
        #expect(throws: ReadError.binary(offset: 4)) { try TextDecoder.decode(data) }
    }

    @Test func invalidUTF8IsRefusedWithOffset() {
        var data = Data("Article 1. The processing of personal data ".utf8)
        let offset = data.count
        data.append(contentsOf: [0xC3, 0x28])
        data.append(Data(" shall be lawful.".utf8))
        #expect(throws: ReadError.invalidEncoding(offset: offset)) { try TextDecoder.decode(data) }
        #expect(ReadError.invalidEncoding(offset: offset).description.contains("UTF-8"))
    }
}
