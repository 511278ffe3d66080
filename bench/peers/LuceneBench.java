import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.RuleBasedBreakIterator;
import com.ibm.icu.util.ULocale;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizerConfig;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

/**
 * Lucene 8 peer for the Qanun benchmark.
 *
 * <pre>
 * LuceneBench index UNITS.jsonl DIR          one JSON object: docs, input_bytes, seconds, index_bytes
 * LuceneBench query DIR QUERIES.json [--warmup N]   median and p99 latency of top-10 BM25 searches
 * LuceneBench version
 * </pre>
 *
 * Fields per language (heading_az, body_az, ...); az: ICU tokenizer + Turkish lower-casing, ru:
 * RussianAnalyzer, en: EnglishAnalyzer. Debian's lucene-analyzers-icu cannot read its bundled
 * ICU data (Default.brk) under Debian's icu4j 72, so the tokenizer here uses ICU's built-in root
 * word-break rules for every script. Indexing: one thread (serial merges), one commit, merged to
 * one segment. Timings are taken in process (JVM start-up excluded).
 */
public final class LuceneBench {
    static final String[] LANGS = {"az", "ru", "en"};
    static final String ICU_NOTE = "az: ICUTokenizer with ICU root word rules (Debian icu4j 72 cannot load "
        + "lucene-analyzers-icu's own ICU data) + TurkishLowerCaseFilter, no stemming; ru: RussianAnalyzer; "
        + "en: EnglishAnalyzer; fields heading_LANG/body_LANG; id stored";

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "index": index(Paths.get(args[1]), Paths.get(args[2])); break;
            case "query":
                int warmup = args.length > 4 && args[3].equals("--warmup") ? Integer.parseInt(args[4]) : 15000;
                query(Paths.get(args[1]), Paths.get(args[2]), warmup);
                break;
            case "version": System.out.println(Version.LATEST); break;
            default: System.err.println("usage: LuceneBench index UNITS DIR | query DIR QUERIES [--warmup N] | version"); System.exit(2);
        }
    }

    /** ICU word breaking with ICU's root rules only (what Debian's packages allow). */
    static final class RootRulesConfig extends ICUTokenizerConfig {
        @Override public RuleBasedBreakIterator getBreakIterator(int script) {
            return (RuleBasedBreakIterator) BreakIterator.getWordInstance(ULocale.ROOT);
        }
        @Override public String getType(int script, int ruleStatus) {
            return ruleStatus >= RuleBasedBreakIterator.WORD_NUMBER && ruleStatus < RuleBasedBreakIterator.WORD_NUMBER_LIMIT
                ? "<NUM>" : "<ALPHANUM>";
        }
        @Override public boolean combineCJ() { return false; }
    }

    /** Azerbaijani: ICU word breaking, Turkish (dotted/dotless i) lower-casing, no stemmer. */
    static final class AzAnalyzer extends Analyzer {
        @Override protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new ICUTokenizer(new RootRulesConfig());
            return new TokenStreamComponents(source, new TurkishLowerCaseFilter(source));
        }
        @Override protected TokenStream normalize(String field, TokenStream in) {
            return new TurkishLowerCaseFilter(in);
        }
    }

    static Analyzer analyzerFor(String lang) {
        switch (lang) {
            case "az": return new AzAnalyzer();
            case "ru": return new RussianAnalyzer();
            default: return new EnglishAnalyzer();
        }
    }

    static Analyzer perField() {
        Map<String, Analyzer> map = new HashMap<>();
        for (String l : LANGS) {
            Analyzer a = analyzerFor(l);
            map.put("heading_" + l, a);
            map.put("body_" + l, a);
        }
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), map);
    }

    static void index(Path units, Path dir) throws IOException {
        long t0 = System.nanoTime();
        long docs = 0, bytes = 0;
        IndexWriterConfig cfg = new IndexWriterConfig(perField())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(64)
            .setMergeScheduler(new SerialMergeScheduler());
        try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), cfg);
             BufferedReader in = Files.newBufferedReader(units, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                @SuppressWarnings("unchecked") Map<String, Object> u = (Map<String, Object>) new Json(line).value();
                String lang = (String) u.get("lang"), heading = (String) u.get("heading"), body = (String) u.get("body");
                Document d = new Document();
                d.add(new StoredField("id", (String) u.get("id")));
                d.add(new TextField("heading_" + lang, heading, Field.Store.NO));
                d.add(new TextField("body_" + lang, body, Field.Store.NO));
                w.addDocument(d);
                docs++;
                bytes += utf8Length(heading) + utf8Length(body);
            }
            w.forceMerge(1);
            w.commit();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", "lucene");
        out.put("docs", docs);
        out.put("input_bytes", bytes);
        out.put("seconds", secs);
        out.put("index_bytes", dirBytes(dir));
        out.put("notes", "Lucene " + Version.LATEST + "; " + ICU_NOTE + "; 1 thread, RAM buffer 64 MB, forceMerge(1), one commit");
        System.out.println(Json.write(out));
    }

    /** The query string for one query of the set, in the classic query parser's syntax. */
    static String queryText(String kind, List<String> terms) {
        switch (kind) {
            case "phrase": return "\"" + String.join(" ", terms) + "\"";
            default: return String.join(" ", terms); // term, and (default operator AND), prefix ("word*")
        }
    }

    static void query(Path dir, Path queriesFile, int warmup) throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queries = (List<Map<String, Object>>) new Json(Files.readString(queriesFile)).value();
        Map<String, QueryParser> parsers = new HashMap<>();
        for (String l : LANGS) {
            QueryParser p = new MultiFieldQueryParser(new String[] {"heading_" + l, "body_" + l}, analyzerFor(l));
            p.setDefaultOperator(QueryParser.Operator.AND);
            parsers.put(l, p);
        }
        int n = queries.size();
        String[] langs = new String[n], kinds = new String[n], texts = new String[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> q = queries.get(i);
            @SuppressWarnings("unchecked") List<String> terms = (List<String>) q.get("terms");
            langs[i] = (String) q.get("lang");
            kinds[i] = (String) q.get("kind");
            texts[i] = queryText(kinds[i], terms);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (int i = 0; i < warmup; i++) {
                int k = i % n;
                searcher.search(parsers.get(langs[k]).parse(texts[k]), 10);
            }
            double[] ms = new double[n];
            int[] hits = new int[n];
            for (int k = 0; k < n; k++) {
                long t0 = System.nanoTime();
                Query q = parsers.get(langs[k]).parse(texts[k]);
                hits[k] = searcher.search(q, 10).scoreDocs.length;
                ms[k] = (System.nanoTime() - t0) / 1e6;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("engine", "lucene");
            stats(out, ms, hits, null, kinds);
            out.put("warmup", warmup);
            Map<String, Object> byKind = new LinkedHashMap<>();
            for (String kind : new java.util.TreeSet<>(Arrays.asList(kinds))) {
                byKind.put(kind, stats(new LinkedHashMap<>(), ms, hits, kind, kinds));
            }
            out.put("by_kind", byKind);
            System.out.println(Json.write(out));
        }
    }

    /** queries, answered, median_ms, p99_ms over the queries of one kind (or all when kind is null). */
    static Map<String, Object> stats(Map<String, Object> out, double[] ms, int[] hits, String kind, String[] kinds) {
        List<Double> sel = new ArrayList<>();
        int answered = 0;
        for (int k = 0; k < ms.length; k++) {
            if (kind != null && !kind.equals(kinds[k])) continue;
            sel.add(ms[k]);
            if (hits[k] > 0) answered++;
        }
        java.util.Collections.sort(sel);
        out.put("queries", sel.size());
        out.put("answered", answered);
        out.put("median_ms", sel.get(sel.size() / 2));
        out.put("p99_ms", sel.get(Math.min(sel.size() - 1, (int) (sel.size() * 0.99))));
        return out;
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    static long dirBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Just enough JSON: objects, arrays, strings, numbers, true/false/null; and writing flat objects. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                for (skip(); s.charAt(i) != '}'; skip()) {
                    String k = string();
                    skip(); i++; // ':'
                    m.put(k, value());
                    skip();
                    if (s.charAt(i) == ',') i++;
                }
                i++;
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                for (skip(); s.charAt(i) != ']'; skip()) {
                    l.add(value());
                    skip();
                    if (s.charAt(i) == ',') i++;
                }
                i++;
                return l;
            }
            if (c == '"') return string();
            int start = i;
            while (i < s.length() && ",]} \n\r\t".indexOf(s.charAt(i)) < 0) i++;
            String t = s.substring(start, i);
            return t.equals("null") ? null : t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : Double.valueOf(t);
        }

        private void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (true) {
                int start = i;
                while (s.charAt(i) != '"' && s.charAt(i) != '\\') i++;
                b.append(s, start, i);
                if (s.charAt(i++) == '"') break;
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e); // \" \\ \/
                }
            }
            return b.toString();
        }

        static String write(Map<String, Object> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (b.length() > 1) b.append(", ");
                b.append(quote(e.getKey())).append(": ");
                Object v = e.getValue();
                @SuppressWarnings("unchecked") String w = v instanceof Map ? write((Map<String, Object>) v)
                    : v instanceof String ? quote((String) v) : String.valueOf(v);
                b.append(w);
            }
            return b.append("}").toString();
        }

        private static String quote(String v) {
            return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
    }
}
