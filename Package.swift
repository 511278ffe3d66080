// swift-tools-version:6.1
import PackageDescription

/// Qanun: trilingual (az/ru/en) search over normative legal acts and a gap checker.
///
/// Layout (see README "Architecture"):
/// - `CQanunAnalysis`: C. The FTS5 tokenizer and text analysis over system ICU. Its public header
///   exposes no ICU or SQLite types, so Swift modules that import Foundation never see system ICU.
/// - `QanunCore`: model, decoding, front matter, language detection, structure parsing. No SQLite.
/// - `CQanunMarkup`: C. libxml2's HTML and XML parsers and XML Schema validation, behind a header
///   without libxml2 types (libxml2's headers include system ICU).
/// - `QanunFormats`: readers for HTML, DOCX, PDF (via pdftotext) and Akoma Ntoso, and the Akoma
///   Ntoso / JSON exporters. Every format lands in the same `Act` model.
/// - `QanunIndex`: the only module that imports GRDB: schema, ingest, query parser, search.
/// - `qanun`: the command-line tool, thin over the libraries.
let package = Package(
    name: "Qanun",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qanun", targets: ["qanun"]),
        .library(name: "QanunCore", targets: ["QanunCore"]),
        .library(name: "QanunIndex", targets: ["QanunIndex"]),
        .library(name: "QanunRules", targets: ["QanunRules"]),
        .library(name: "QanunFormats", targets: ["QanunFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "CQanunAnalysis",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("sqlite3"), .linkedLibrary("stemmer"), .linkedLibrary("m")]
        ),
        .target(
            name: "QanunCore",
            dependencies: [
                "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CQanunMarkup",
            cSettings: [.unsafeFlags(["-O2", "-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        .target(
            name: "QanunFormats",
            dependencies: ["QanunCore", "CQanunMarkup", "ZIPFoundation"]
        ),
        .target(
            name: "QanunIndex",
            dependencies: [
                "QanunCore",
                "QanunFormats",
                "CQanunAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [
                .copy("Resources/az-stemmer.txt"), .copy("Resources/termbase.tbx"), .copy("Resources/stopwords.txt"),
                .copy("Resources/definition-headings.txt"),
            ]
        ),
        .target(
            name: "QanunRules",
            dependencies: ["QanunCore", "QanunIndex", "Yams", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Resources/rule-cues.yaml")]
        ),
        .executableTarget(
            name: "qanun",
            dependencies: [
                "QanunCore",
                "QanunIndex",
                "QanunRules",
                "QanunFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "qanun-bench",
            dependencies: ["QanunCore", "QanunIndex", "QanunFormats", "CQanunAnalysis", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "QanunCoreTests", dependencies: ["QanunCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "QanunIndexTests",
            dependencies: ["QanunIndex", "QanunCore", "QanunFormats", "CQanunAnalysis"]
        ),
        .testTarget(
            name: "QanunFormatsTests", dependencies: ["QanunFormats", "QanunCore", "QanunIndex"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "QanunRulesTests", dependencies: ["QanunRules", "QanunIndex", "QanunCore"]),
    ]
)
