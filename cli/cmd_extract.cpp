// dyad extract FILES... : text files and folders into the database.
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "core/corpus.h"
#include "core/data_dir.h"
#include "core/error.h"
#include "extractors/registry.h"

namespace dyad::cli {

void add_extract(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> inputs;
        bool explain = false;
        std::uint64_t max_file_bytes = 256ull << 20;
        unsigned threads = 0;
    };
    auto opts = std::make_shared<Options>();
    app.add_option("inputs", opts->inputs, ".txt files or folders (searched recursively); - for stdin")->required();
    add_db_option(app, ctx);
    app.add_flag("--explain", opts->explain, "list rule matches that were rejected, and why");
    app.add_flag("--strict", ctx.strict, "exit 1 when any file was skipped");
    app.add_option("--max-file-bytes", opts->max_file_bytes, "skip files larger than this")->capture_default_str();
    app.add_option("-j,--threads", opts->threads, "extraction threads; 0 = one per core (results do not depend on it)")
        ->capture_default_str();
    app.callback([&ctx, opts] {
        const auto files = list_inputs(opts->inputs);
        auto pipeline = extractors::make_pipeline(find_data_dir(ctx.data));
        auto store = Store::open(ctx.db, Store::Mode::ReadWrite);
        CorpusOptions options;
        options.explain = opts->explain;
        options.max_file_bytes = opts->max_file_bytes;
        options.threads = opts->threads;
        options.stop = ctx.stop;
        const auto started = std::chrono::steady_clock::now();
        std::uint64_t bytes = 0;
        options.on_document = [&](const DocumentOutcome& o, std::size_t done, std::size_t total) {
            bytes += o.bytes;
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            if (o.status == DocumentOutcome::Status::Skipped) {
                ctx.out.end_progress();
                ctx.out.warning("skipped " + o.message);
            } else {
                ctx.out.detail(o.source + ": " + (o.status == DocumentOutcome::Status::Unchanged
                                                      ? std::string("already in the database")
                                                      : std::to_string(o.entities) + " entities, " +
                                                            std::to_string(o.relations) + " relations"));
            }
            for (const auto& r : o.rejections) {
                std::string quote = o.text.substr(r.sentence.begin, r.sentence.end - r.sentence.begin);
                if (quote.size() > 160) quote = quote.substr(0, 157) + "...";
                std::cout << o.source << ":" << r.sentence.begin << ": " << r.rule << ": rejected: " << r.reason
                          << " [" << r.detail << "] \"" << quote << "\"\n";
            }
            ctx.out.progress(done, total, bytes, seconds);
        };
        const auto summary = ingest_corpus(files, *pipeline, store, options);
        ctx.out.end_progress();
        const auto stats = store.stats();
        ctx.out.info(ctx.db + ": " + std::to_string(summary.added) + " documents added, " +
                     std::to_string(summary.unchanged) + " unchanged, " + std::to_string(summary.skipped) +
                     " skipped; the graph has " + std::to_string(stats.entities) + " entities and " +
                     std::to_string(stats.relations) + " relations");
        if (summary.interrupted)
            ctx.out.warning("interrupted: what was done is saved; run the same command again to continue");
        if (summary.interrupted) ctx.exit_code = 130;
        else if (ctx.strict && summary.skipped > 0) {
            std::cerr << "dyad: error: " << summary.skipped << " file(s) skipped and --strict was given\n";
            ctx.exit_code = 1;
        }
    });
}

}  // namespace dyad::cli
