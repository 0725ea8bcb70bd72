// dyad extract FILES... | --jsonl FILE : text files and folders, or JSON Lines records, into the
// database, or (--emit nq) as N-Quads on standard output, or (--dry-run) nowhere: a check of the
// inputs and a measure of the extraction alone.
#include <chrono>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "cli/commands.h"
#include "core/corpus.h"
#include "core/data_dir.h"
#include "core/error.h"
#include "core/jsonl.h"
#include "core/store.h"
#include "exporters/registry.h"
#include "extractors/registry.h"

namespace dyad::cli {
namespace {

// A message quotes file names: keep it on one line whatever the names hold.
std::string one_line(std::string s) {
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

// --emit nq: one document's graph, exactly as `export --format nq` writes a database that holds
// only this document; blank nodes are labelled after the document, so that the streams of any
// number of runs can be concatenated.
void emit_nquads(const ExtractionResult& r, const Exporter& exporter, std::ostream& out) {
    KnowledgeGraph graph;
    for (const auto& e : r.entities) graph.add_or_merge(e);
    for (const auto& rel : r.relations) graph.add_or_merge(rel);
    ExportOptions options;
    options.blank_prefix = "d" + r.document.id;
    exporter.write(graph, options, out);
}

}  // namespace

void add_extract(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> inputs;
        std::vector<std::string> jsonl;
        std::string emit;
        bool dry_run = false;
        bool explain = false;
        Limits limits;
        StoreOptions store;
        unsigned threads = 0;
        std::size_t batch = CorpusOptions{}.batch_documents;
    };
    auto opts = std::make_shared<Options>();
    auto* inputs = app.add_option("inputs", opts->inputs, ".txt files or folders (searched recursively); - for stdin");
    app.add_option("--jsonl", opts->jsonl,
                   "read documents from a JSON Lines file (- for stdin), one {\"id\", \"text\", \"date\", "
                   "\"source\"} object per line; repeatable")
        ->excludes(inputs);
    add_db_option(app, ctx);
    app.add_option("--emit", opts->emit,
                   "nq: write each document's graph as N-Quads to stdout as it completes, instead of a database")
        ->check(CLI::IsMember({"nq"}));
    app.add_flag("--dry-run", opts->dry_run,
                 "read and analyse every input but write nothing: a check of a corpus before a long run (with "
                 "--strict, exit 1 on any skipped or warned input) and the speed of extraction alone");
    app.add_flag("--explain", opts->explain, "list rule matches that were rejected, and why");
    app.add_flag("--strict", ctx.strict, "exit 1 when any file or record was skipped or read with a warning");
    app.add_option("--max-file-bytes", opts->limits.max_file_bytes,
                   "skip larger files, and JSON Lines lines longer than this (units: 64MB, 1GiB...)")
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 30))
        ->capture_default_str();
    app.add_option("--max-sentence-tokens", opts->limits.max_sentence_tokens,
                   "split longer sentences into pieces of at most this many tokens")
        ->check(CLI::Range(8u, 100000u))
        ->capture_default_str();
    app.add_option("--max-relations", opts->limits.max_relations,
                   "skip a document that yields more distinct relations than this")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}))
        ->capture_default_str();
    app.add_option("--segment-bytes", opts->limits.segment_bytes,
                   "analyse longer texts in segments of about this size (units: 256KB...)")
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(std::uint32_t{4096}, std::uint32_t{1} << 30))
        ->capture_default_str();
    app.add_option("-j,--threads", opts->threads, "extraction threads; 0 = one per core (results do not depend on it)")
        ->capture_default_str();
    app.add_option("--batch", opts->batch,
                   "documents per transaction (also closed at 8 MB of text, or when no document is ready for "
                   "200 ms); smaller batches commit sooner, larger ones write faster")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
        ->capture_default_str();
    app.add_option("--busy-timeout", opts->store.busy_timeout_ms,
                   "milliseconds to wait for another process that is writing to the database")
        ->check(CLI::Range(0, 3600000))
        ->capture_default_str();
    app.callback([&ctx, opts, &app] {
        if (opts->inputs.empty() && opts->jsonl.empty())
            throw Error(ErrorKind::Usage, "nothing to extract; name .txt files or folders, or pass --jsonl FILE");
        const bool emit = !opts->emit.empty();
        const bool dry = opts->dry_run;
        if (dry && (emit || app.count("--db")))
            throw Error(ErrorKind::Usage, "--dry-run writes nothing; leave out --db and --emit");
        if (emit && app.count("--db"))
            throw Error(ErrorKind::Usage, "--emit writes to standard output and uses no database; leave out --db");
        if (emit && opts->explain)
            throw Error(ErrorKind::Usage, "--explain and --emit both write to standard output; pass one of them");
        // Everything named must exist before any work starts: JSON Lines files are opened now.
        InputLister files(opts->inputs);
        const std::size_t file_count = opts->inputs.empty() ? 0 : files.count();
        std::vector<std::unique_ptr<JsonlReader>> readers;
        for (const auto& j : opts->jsonl)
            readers.push_back(std::make_unique<JsonlReader>(j, opts->limits.max_file_bytes));
        auto pipeline = extractors::make_pipeline(find_data_dir(ctx.data));
        std::optional<Store> store;
        // A second, read-only connection answers the workers' "stored already?" (the writer's
        // connection is the writer thread's own); it sees what the writer has committed.
        std::optional<Store> lookup;
        std::mutex lookup_mutex;
        KnownDocument known;
        if (!emit && !dry) {
            store.emplace(Store::open(ctx.db, Store::Mode::ReadWrite, opts->store));
            lookup.emplace(Store::open(ctx.db, Store::Mode::ReadOnly, opts->store));
            known = [&](const std::string& id) {
                std::lock_guard lock(lookup_mutex);
                return lookup->has_document(id);
            };
        }
        const auto exporter = emit ? exporters::make_exporter(opts->emit) : nullptr;
        CorpusOptions options;
        options.explain = opts->explain;
        options.limits = opts->limits;
        options.threads = opts->threads;
        options.batch_documents = opts->batch;
        options.stop = ctx.stop;
        // --emit: each document's N-Quads are written by the worker that extracted it (the N-Triples
        // exporter is const and thread-safe); the writer thread only copies them out in order.
        if (exporter)
            options.render = [&](const ExtractionResult& r) {
                std::ostringstream text;
                emit_nquads(r, *exporter, text);
                return std::move(text).str();
            };
        const auto started = std::chrono::steady_clock::now();
        std::uint64_t bytes = 0;
        std::size_t relations_found = 0;
        options.on_document = [&](const DocumentOutcome& o, std::size_t done, std::size_t total) {
            bytes += o.bytes;
            if (o.status == DocumentOutcome::Status::Added) relations_found += o.relations;
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            using Status = DocumentOutcome::Status;
            if (o.status == Status::Skipped || !o.warnings.empty()) ctx.out.end_progress();
            if (o.status == Status::Skipped) ctx.out.warning("skipped " + one_line(o.message));
            for (const auto& w : o.warnings) ctx.out.warning(one_line(o.source + ": " + w));
            for (const auto& n : o.notes) ctx.out.detail(one_line(o.source + ": " + n));
            if (o.status == Status::Added || o.status == Status::Unchanged)
                ctx.out.detail(one_line(
                    o.source + ": " +
                    (o.status == Status::Unchanged
                         ? std::string(store ? "already in the database" : "given before")
                         : std::to_string(o.entities) + " entities, " + std::to_string(o.relations) + " relations")));
            for (std::size_t k = 0; k < o.rejections.size(); ++k) {
                const auto& r = o.rejections[k];
                std::string quote = one_line(k < o.quotes.size() ? o.quotes[k] : std::string());
                if (quote.size() > 160) {
                    auto cut = std::size_t{157};
                    while (cut > 0 && (static_cast<unsigned char>(quote[cut]) & 0xC0) == 0x80) --cut;
                    quote = quote.substr(0, cut) + "...";
                }
                std::cout << o.source << ":" << r.sentence.begin << ": " << r.rule << ": rejected: " << r.reason << " ["
                          << r.detail << "] \"" << quote << "\"\n";
            }
            ctx.out.progress(done, total, bytes, seconds);
        };
        std::size_t next_reader = 0;
        const InputSource next = [&](CorpusInput& in) {
            if (files.next(in.path)) return true;
            for (; next_reader < readers.size(); ++next_reader)
                if (readers[next_reader]->next(in)) return true;
            return false;
        };
        // --emit: a document given twice is written once. Bounded: past kEmittedKept ids the set
        // starts again, and a repeat after that is written again, as the same quads (its blank
        // nodes are named after the document), which `sort -u` removes.
        constexpr std::size_t kEmittedKept = 1000000;
        std::unordered_set<std::string> emitted;
        const DocumentSink sink = [&](const std::vector<const ExtractionResult*>& batch) {
            if (store) return store->ingest(batch);
            std::vector<bool> written;
            for (const auto* r : batch) {
                if (emitted.size() >= kEmittedKept) emitted.clear();
                written.push_back(emitted.insert(r->document.id).second);
                if (written.back() && !dry) std::cout << r->rendered;
            }
            if (dry) return written;
            std::cout.flush();
            if (!std::cout) throw Error(ErrorKind::Export, "<stdout>: writing failed (closed pipe or disk full?)");
            return written;
        };
        const auto summary = run_corpus(next, readers.empty() ? file_count : 0, *pipeline, sink, known, options);
        ctx.out.end_progress();
        const auto counts = std::to_string(summary.added) +
                            (store  ? " documents added, "
                             : emit ? " documents written, "
                                    : " documents analysed, ") +
                            std::to_string(summary.unchanged) + (store ? " unchanged, " : " repeated, ") +
                            std::to_string(summary.skipped) + " skipped" +
                            (summary.warned ? ", " + std::to_string(summary.warned) + " with warnings" : "");
        if (store) {
            const auto stats = store->stats();
            ctx.out.info(ctx.db + ": " + counts + "; the graph has " + std::to_string(stats.entities) +
                         " entities and " + std::to_string(stats.relations) + " relations");
        } else if (emit) {
            ctx.out.info("<stdout>: " + counts + " (N-Quads)");
        } else {
            ctx.out.info("dry run: " + counts + "; " + std::to_string(relations_found) +
                         " relations found (counted per document), nothing written");
        }
        if (summary.interrupted) {
            ctx.out.warning(dry ? "interrupted"
                                : "interrupted: what was done is saved; run the same command again to continue");
            const int sig = ctx.stop_signal ? ctx.stop_signal->load() : 0;
            ctx.exit_code = 128 + (sig > 0 ? sig : 2);
        } else if (ctx.strict && summary.skipped + summary.warned > 0) {
            std::cerr << "dyad: error: " << summary.skipped << " input(s) skipped and " << summary.warned
                      << " read with warnings, and --strict was given\n";
            ctx.exit_code = 1;
        }
    });
}

}  // namespace dyad::cli
