#include "core/corpus.h"

#include <gtest/gtest.h>

#include "core/error.h"
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

}  // namespace
}  // namespace dyad
