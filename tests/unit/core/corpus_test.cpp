#include "core/corpus.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "extractors/registry.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

// The lazy walk gives what sorting every path of the tree gives, counted in advance, and only
// .txt files.
TEST(InputLister, WalksFoldersLazilyInSortedPathOrder) {
    tests::TempDir dir;
    for (const char* name : {"b.txt", "a/z.txt", "a/b/c.txt", "a.txt", "ab/x.txt", "notes.md", "a/b/skip.csv"}) {
        std::filesystem::create_directories((dir / "tree" / name).parent_path());
        tests::write_file(dir / "tree" / name, "x");
    }
    tests::write_file(dir / "single.txt", "x");
    const std::string root = (dir / "tree").string();
    InputLister lister({root, "-", (dir / "single.txt").string()});
    EXPECT_EQ(lister.count(), 7u);
    std::vector<std::string> got;
    for (std::filesystem::path f; lister.next(f);)
        got.push_back(f == "-" ? "-" : std::filesystem::relative(f, dir / "tree").generic_string());
    // std::filesystem::path orders element by element: "a/b/c.txt" < "a/z.txt" < "a.txt" < "ab/...".
    const std::vector<std::string> expected = {"a/b/c.txt", "a/z.txt", "a.txt",        "ab/x.txt",
                                               "b.txt",     "-",       "../single.txt"};
    EXPECT_EQ(got, expected);
    EXPECT_EQ(InputLister({root}).count(), 5u);
}

TEST(InputLister, AMissingInputIsRefusedBeforeAnyWork) {
    tests::TempDir dir;
    try {
        InputLister lister({(dir / "nowhere").string()});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Input);
        EXPECT_NE(std::string(e.what()).find("nowhere: no such file or folder"), std::string::npos) << e.what();
    }
}

// --emit renders each document on the workers; what a batch holds for the sink is bounded by the
// rendered bytes, not the text (a rendering some 50 times the text once let a batch reach 440 MB).
TEST(RunCorpus, ABatchHoldsAtMostAboutEightMegabytesOfRenderedText) {
    const auto pipeline = extractors::make_pipeline(tests::data_dir());
    constexpr std::size_t kDocuments = 40, kRendered = 1u << 20;  // 1 MiB per document
    std::size_t given = 0;
    const InputSource next = [&](CorpusInput& in) {
        if (given == kDocuments) return false;
        Document d;
        d.bytes = "Chile and Peru share a border. " + std::to_string(given++);
        d.id = content_id(d.bytes);
        d.source = "doc" + std::to_string(given);
        in.document = std::move(d);
        return true;
    };
    std::size_t largest = 0, documents = 0;
    const DocumentSink sink = [&](const std::vector<const ExtractionResult*>& batch) {
        std::size_t bytes = 0;
        for (const auto* r : batch) bytes += r->rendered.size();
        largest = std::max(largest, bytes);
        documents += batch.size();
        return std::vector<bool>(batch.size(), true);
    };
    CorpusOptions options;
    options.threads = 2;
    options.render = [](const ExtractionResult& r) { return std::string(kRendered, r.relations.empty() ? '-' : '+'); };
    const auto summary = run_corpus(next, kDocuments, *pipeline, sink, {}, options);
    EXPECT_EQ(summary.added, kDocuments);
    EXPECT_EQ(documents, kDocuments);
    EXPECT_LE(largest, (8u << 20) + kRendered);  // 8 MB per batch, plus the document that crossed it
    EXPECT_GE(largest, kRendered);
}

}  // namespace
}  // namespace dyad
