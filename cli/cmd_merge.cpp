// dyad merge SHARD.db... -o OUT.db : databases extracted separately (shards) into one graph.
#include <filesystem>

#include "cli/commands.h"
#include "core/error.h"
#include "core/store.h"

namespace dyad::cli {

void add_merge(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> inputs;
        std::string output;
        StoreOptions store;
    };
    auto opts = std::make_shared<Options>();
    app.add_option("shards", opts->inputs, "dyad databases to merge, in order (e.g. made by 'extract --db shard-N.db')")
        ->required();
    app.add_option("-o,--output", opts->output,
                   "the merged database: created, or merged into when it exists (an earlier merge)")
        ->required();
    app.add_option("--busy-timeout", opts->store.busy_timeout_ms,
                   "milliseconds to wait for another process that is writing to the output")
        ->check(CLI::Range(0, 3600000))
        ->capture_default_str();
    app.callback([&ctx, opts] {
        namespace fs = std::filesystem;
        const fs::path out(opts->output);
        std::error_code ec;
        // Open every shard first: a missing, foreign or newer file stops the merge before OUT exists.
        std::vector<Store> shards;
        for (const auto& in : opts->inputs) {
            if (fs::exists(out, ec) && fs::equivalent(in, out, ec))
                throw Error(ErrorKind::Usage, in + ": is also the output; merge into another -o file");
            shards.push_back(Store::open(in, Store::Mode::ReadOnly, opts->store));
        }
        const bool created = !fs::exists(out, ec);
        std::vector<MergeSummary> summaries;
        try {
            auto target = Store::open(out, Store::Mode::ReadWrite, opts->store);
            std::vector<const Store*> sources;
            for (const auto& s : shards) sources.push_back(&s);
            summaries = target.merge(sources);
        } catch (...) {
            // The transaction rolled back; a file this command created holds nothing: remove it.
            if (created)
                for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(opts->output + suffix, ec);
            throw;
        }
        MergeSummary total;
        for (std::size_t i = 0; i < summaries.size(); ++i) {
            const auto& m = summaries[i];
            ctx.out.detail(opts->inputs[i] + ": " + std::to_string(m.documents_added) + " documents added, " +
                           std::to_string(m.documents_present) + " already there; " +
                           std::to_string(m.relations_added) + " relations added, " +
                           std::to_string(m.relations_merged) + " merged, " + std::to_string(m.relations_present) +
                           " already there");
            if (m.relations_overlapping)
                ctx.out.warning(opts->inputs[i] + ": " + std::to_string(m.relations_overlapping) +
                                " relations have evidence from documents that an earlier shard also holds: "
                                "their confidence may count those documents twice; extract each document into "
                                "one shard only");
            total.documents_added += m.documents_added;
            total.documents_present += m.documents_present;
        }
        const auto stats = Store::open(out, Store::Mode::ReadOnly).stats();
        ctx.out.info(opts->output + ": merged " + std::to_string(shards.size()) + " databases, " +
                     std::to_string(total.documents_added) + " documents added, " +
                     std::to_string(total.documents_present) + " already there; the graph has " +
                     std::to_string(stats.documents) + " documents, " + std::to_string(stats.entities) +
                     " entities and " + std::to_string(stats.relations) + " relations");
    });
}

}  // namespace dyad::cli
