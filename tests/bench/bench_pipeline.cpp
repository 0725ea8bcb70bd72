// Google Benchmark: throughput of the hot path (tokenizer, entity stages, whole extraction,
// extraction plus SQLite) on the bundled samples. Reported as bytes per second, never asserted.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/pipeline.h"
#include "core/store.h"
#include "core/text.h"
#include "extractors/registry.h"
#include "tests/support/test_support.h"

namespace {

using namespace dyad;

const std::string& corpus() {
    static const std::string text = [] {
        std::string all;
        for (const auto& e : std::filesystem::directory_iterator(tests::data_dir() / "samples"))
            if (e.path().extension() == ".txt") all += tests::read_file(e.path()) + "\n\n";
        return all;
    }();
    return text;
}

const Pipeline& pipeline() {
    static const auto p = extractors::make_pipeline(tests::data_dir());
    return *p;
}

void BM_Tokenize(benchmark::State& state) {
    std::string folded;
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    const auto& rules = pipeline().knowledge().sentence_rules;
    for (auto _ : state) {
        tokenize(corpus(), folded, tokens);
        split_sentences(corpus(), folded, tokens, rules, sentences);
        benchmark::DoNotOptimize(sentences.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(BM_Tokenize);

void BM_Extract(benchmark::State& state) {
    Document d;
    d.bytes = corpus();
    d.id = content_id(d.bytes);
    for (auto _ : state) {
        auto result = pipeline().extract(d);
        benchmark::DoNotOptimize(result.relations.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(BM_Extract);

// The throughput of each step of one extraction (the tokenizer, each dictionary matcher and
// entity stage, choosing mentions, each relation stage, merging), as a counter in bytes per
// second of that step alone: which stage holds the whole back.
void BM_Steps(benchmark::State& state) {
    Document d;
    d.bytes = corpus();
    d.id = content_id(d.bytes);
    StepClock clock;
    ExtractOptions options;
    options.clock = &clock;
    for (auto _ : state) {
        auto result = pipeline().extract(d, options);
        benchmark::DoNotOptimize(result.relations.data());
    }
    std::vector<std::string> names{"tokenize"};
    for (const auto& stage : extractors::stages())
        if (!stage.relation_stage) names.emplace_back(stage.name);
    names.emplace_back("choose");
    for (const auto& stage : extractors::stages())
        if (stage.relation_stage) names.emplace_back(stage.name);
    names.emplace_back("merge");
    const double bytes = static_cast<double>(state.iterations()) * static_cast<double>(corpus().size());
    for (std::size_t k = 0; k < names.size() && k < clock.seconds.size(); ++k)
        if (clock.seconds[k] > 0)
            state.counters[std::to_string(k) + "_" + names[k]] = benchmark::Counter(
                bytes / clock.seconds[k], benchmark::Counter::kDefaults, benchmark::Counter::OneK::kIs1024);
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_Steps);

void BM_ExtractAndStore(benchmark::State& state) {
    tests::TempDir dir;
    auto store = Store::open(dir / "bench.db", Store::Mode::ReadWrite);
    std::int64_t n = 0;
    for (auto _ : state) {
        Document d;
        d.bytes = corpus() + std::to_string(n++);  // a new document each time
        d.id = content_id(d.bytes);
        benchmark::DoNotOptimize(store.ingest(pipeline().extract(d)));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(BM_ExtractAndStore);

}  // namespace

BENCHMARK_MAIN();
