// Runs tests/cases/*.case: one gtest per file, registered at start-up (the Kùzu/DuckDB idea).
// Format (docs/testing.md):
//   # name: ...            # group: ...
//   -TEXT                  the document, up to the next "----" line
//   ---- relations         "subject-key predicate object-key [negated] [quantity=V] [unit=U] [hedge=H]
//                           [topic=KEY] [time=T] [modality=M]": each must be extracted
//   ---- absent            "subject-key predicate object-key [negated]": must NOT be extracted (as
//                          a positive relation, or as a negated one with "negated")
//   ---- entities          "Type key": each entity must be there with that type
//   ---- absent-entities   "key": no such entity
// Any other section name is an error, so a typo cannot silently drop checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "core/pipeline.h"
#include "core/tsv.h"
#include "extractors/registry.h"
#include "tests/support/test_support.h"

namespace {

using namespace dyad;

const Pipeline& pipeline() {
    static const auto p = extractors::make_pipeline(tests::data_dir());
    return *p;
}

struct Case {
    std::string text;
    std::vector<std::string> relations, absent, entities, absent_entities;
    std::string error;
};

Case parse(const std::string& content) {
    Case c;
    std::istringstream in(content);
    std::string line, section;
    while (std::getline(in, line)) {
        if (line == "-TEXT") {
            section = "text";
            continue;
        }
        if (line.rfind("----", 0) == 0) {
            section = line.substr(5);
            if (section != "relations" && section != "absent" && section != "entities" && section != "absent-entities")
                c.error = "unknown section '" + section + "'";
            continue;
        }
        if (section == "text") {
            c.text += line + "\n";
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        if (section == "relations") c.relations.push_back(line);
        else if (section == "absent") c.absent.push_back(line);
        else if (section == "entities") c.entities.push_back(line);
        else if (section == "absent-entities") c.absent_entities.push_back(line);
    }
    return c;
}

const Relation* find(const ExtractionResult& r, const std::string& s, const std::string& p, const std::string& o,
                     bool negated) {
    const auto predicate = parse_predicate(p);
    if (!predicate) return nullptr;
    for (const auto& rel : r.relations) {
        if (rel.predicate != *predicate || rel.negated != negated) continue;
        if ((rel.subject == s && rel.object == o) ||
            (info(*predicate).symmetric && rel.subject == o && rel.object == s))
            return &rel;
    }
    return nullptr;
}

std::string dump(const ExtractionResult& r) {
    std::string out = "extracted:\n";
    for (const auto& e : r.entities) out += "  " + std::string(to_string(e.type)) + " " + e.key + "\n";
    for (const auto& rel : r.relations)
        out += "  " + rel.subject + " " + std::string(to_string(rel.predicate)) + " " + rel.object +
               (rel.negated ? " negated" : "") + "\n";
    return out;
}

class CaseTest : public ::testing::Test {
public:
    explicit CaseTest(std::filesystem::path file) : file_(std::move(file)) {}
    void TestBody() override {
        const auto c = parse(tests::read_file(file_));
        ASSERT_TRUE(c.error.empty()) << file_ << ": " << c.error;
        ASSERT_FALSE(c.text.empty()) << file_ << ": no -TEXT section";
        Document d;
        d.bytes = c.text;
        d.id = content_id(d.bytes);
        d.source = file_.filename().string();
        const auto result = pipeline().extract(d);
        for (const auto& line : c.relations) {
            const auto words = split_list(line, ' ');
            ASSERT_GE(words.size(), 3u) << line;
            const bool negated = std::find(words.begin(), words.end(), "negated") != words.end();
            const auto* rel = find(result, words[0], words[1], words[2], negated);
            ASSERT_NE(rel, nullptr) << "missing: " << line << "\n" << dump(result);
            for (std::size_t i = 3; i < words.size(); ++i) {
                const auto eq = words[i].find('=');
                if (eq == std::string::npos) continue;
                const auto key = words[i].substr(0, eq);
                auto value = words[i].substr(eq + 1);
                std::replace(value.begin(), value.end(), '_', ' ');
                const auto& q = rel->qualifiers;
                if (key == "quantity") {
                    ASSERT_TRUE(q.quantity) << line;
                    EXPECT_DOUBLE_EQ(q.quantity->value, std::stod(value)) << line;
                } else if (key == "unit") {
                    ASSERT_TRUE(q.quantity) << line;
                    EXPECT_EQ(q.quantity->unit, value) << line;
                } else if (key == "hedge") {
                    ASSERT_TRUE(q.quantity) << line;
                    EXPECT_EQ(q.quantity->hedge, value) << line;
                } else if (key == "topic") {
                    EXPECT_NE(std::find(q.topics.begin(), q.topics.end(), value), q.topics.end())
                        << line << " topics were: " << ::testing::PrintToString(q.topics);
                } else if (key == "vehicle") {
                    EXPECT_NE(std::find(q.vehicles.begin(), q.vehicles.end(), value), q.vehicles.end()) << line;
                } else if (key == "time") {
                    EXPECT_EQ(q.time, value) << line;
                } else if (key == "modality") {
                    EXPECT_NE(q.modality.find(value), std::string::npos) << line << " modality: " << q.modality;
                } else {
                    ADD_FAILURE() << "unknown qualifier " << key << " in " << line;
                }
            }
        }
        for (const auto& line : c.absent) {
            const auto words = split_list(line, ' ');
            ASSERT_GE(words.size(), 3u) << line;
            const bool negated = std::find(words.begin(), words.end(), "negated") != words.end();
            EXPECT_EQ(find(result, words[0], words[1], words[2], negated), nullptr)
                << "should be absent: " << line << "\n"
                << dump(result);
        }
        for (const auto& line : c.entities) {
            const auto words = split_list(line, ' ');
            ASSERT_EQ(words.size(), 2u) << line;
            const auto it = std::find_if(result.entities.begin(), result.entities.end(),
                                         [&](const Entity& e) { return e.key == words[1]; });
            ASSERT_NE(it, result.entities.end()) << "missing entity: " << line << "\n" << dump(result);
            EXPECT_EQ(to_string(it->type), words[0]) << line;
        }
        for (const auto& key : c.absent_entities)
            EXPECT_TRUE(std::none_of(result.entities.begin(), result.entities.end(),
                                     [&](const Entity& e) { return e.key == key; }))
                << "should be absent: " << key << "\n"
                << dump(result);
    }

private:
    std::filesystem::path file_;
};

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(DYAD_CASES_DIR))
        if (entry.path().extension() == ".case") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        // gtest filters read '-' as "exclude": case names must not contain one.
        auto name = f.stem().string();
        std::replace(name.begin(), name.end(), '-', '_');
        ::testing::RegisterTest("Cases", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                                [f]() -> ::testing::Test* { return new CaseTest(f); });
    }
    return RUN_ALL_TESTS();
}
