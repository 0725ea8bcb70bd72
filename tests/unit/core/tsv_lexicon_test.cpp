#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/error.h"
#include "core/lexicon.h"
#include "core/text.h"
#include "core/tsv.h"
#include "tests/support/test_support.h"

namespace dyad {

TEST(TsvReader, WrongColumnCountNamesFileAndLine) {
    tests::TempDir dir;
    tests::write_file(dir / "x.tsv", "# comment\na\tb\n1\t2\n\n3\n");
    TsvReader reader(dir / "x.tsv", {"a", "b"});
    ASSERT_TRUE(reader.next());
    try {
        reader.next();
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("x.tsv:5: expected 2 tab-separated columns"), std::string::npos)
            << e.what();
        EXPECT_EQ(e.kind(), ErrorKind::Data);
    }
}

TEST(TsvReader, WrongHeaderIsRefused) {
    tests::TempDir dir;
    tests::write_file(dir / "x.tsv", "a\tc\n");
    EXPECT_THROW(TsvReader(dir / "x.tsv", {"a", "b"}), Error);
}

TEST(TsvReader, MissingFileSaysWhereToLook) {
    try {
        TsvReader reader("/nonexistent/file.tsv", {"a"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("--data"), std::string::npos);
    }
}

// The shape of the shipped dictionaries (issue: "a test that checks their shape").
class ShippedLexicon : public ::testing::Test {
protected:
    static const Lexicon& lexicon() {
        static const auto lex = Lexicon::load(tests::data_dir());
        return lex;
    }
};

TEST_F(ShippedLexicon, HasEveryUnMemberWithUniqueCodes) {
    std::size_t countries = 0;
    std::set<std::string> iso2;
    for (const auto& e : lexicon().entries()) {
        if (e.type != EntityType::Country) continue;
        ++countries;
        if (!e.iso2.empty()) {
            EXPECT_TRUE(iso2.insert(e.iso2).second) << "duplicate " << e.iso2;
        }
    }
    EXPECT_GE(countries, 195u);  // 193 members + 2 observers, plus former states
    for (const char* code : {"US", "MX", "CA", "IN", "PK", "KR", "KP", "GB", "IE", "CN", "JP", "FR", "DE", "BR"})
        EXPECT_NE(lexicon().find_iso2(code), nullptr) << code;
}

TEST_F(ShippedLexicon, CountriesCarryDemonymsAliasesAndWikidata) {
    const auto* us = lexicon().find("country/united-states");
    ASSERT_NE(us, nullptr);
    EXPECT_EQ(us->wikidata, "Q30");
    auto has = [&](const LexEntry* e, const std::string& text, SurfaceKind kind) {
        for (const auto& s : e->surfaces)
            if (s.text == text && s.kind == kind) return true;
        return false;
    };
    EXPECT_TRUE(has(us, "U.S.", SurfaceKind::Name));
    EXPECT_TRUE(has(us, "American", SurfaceKind::Demonym));
    EXPECT_TRUE(has(us, "Washington", SurfaceKind::Capital));
    const auto* mx = lexicon().find("country/mexico");
    ASSERT_NE(mx, nullptr);
    EXPECT_TRUE(has(mx, "Mexican", SurfaceKind::Demonym));
}

TEST_F(ShippedLexicon, OrganizationsAgreementsAndTopicsArePresent) {
    for (const char* key : {"organization/nato", "organization/united-nations", "agreement/nafta", "agreement/usmca",
                            "initiative/merida-initiative", "topic/drug-trafficking", "topic/climate-change"})
        EXPECT_NE(lexicon().find(key), nullptr) << key;
}

TEST_F(ShippedLexicon, NoSurfaceFormIsSharedUnlessMarkedAmbiguous) {
    std::map<std::string, std::string> seen;
    for (const auto& e : lexicon().entries())
        for (const auto& s : e.surfaces) {
            if (s.ambiguous || s.kind == SurfaceKind::CombiningForm) continue;
            auto [it, fresh] = seen.emplace(s.text, e.key);
            if (!fresh && it->second != e.key) {
                ADD_FAILURE() << "'" << s.text << "' names " << it->second << " and " << e.key;
            }
        }
}

TEST_F(ShippedLexicon, PersonsAreLeadersWithCountryLinksAndOwnSurfaces) {
    std::size_t persons = 0;
    for (const auto& e : lexicon().entries()) {
        if (e.type != EntityType::Person) continue;
        ++persons;
        EXPECT_TRUE(e.wikidata.empty() || e.wikidata[0] == 'Q') << e.key;
        for (const auto& code : e.links) {
            if (code == "TW") continue;  // Taiwan is a Place (places.tsv), with no iso2 column
            const auto* country = lexicon().find_iso2(code);
            EXPECT_TRUE(country && country->type == EntityType::Country) << e.key << " links " << code;
        }
    }
    EXPECT_GE(persons, 600u);
    for (const char* key :
         {"person/deng-xiaoping", "person/fidel-castro", "person/lee-kuan-yew", "person/kwame-nkrumah",
          "person/suharto", "person/nicolae-ceausescu", "person/charles-de-gaulle", "person/antonio-guterres"})
        EXPECT_NE(lexicon().find(key), nullptr) << key;
    // A person's name or alias is no other entry's surface, even after folding ("Jordan", "Victoria").
    std::map<std::string, std::string> seen;
    std::set<std::string> person_surfaces;
    for (const auto& e : lexicon().entries())
        for (const auto& s : e.surfaces) {
            if (s.ambiguous || s.kind == SurfaceKind::CombiningForm) continue;
            if (e.type == EntityType::Person) person_surfaces.insert(fold(s.text));
            auto [it, fresh] = seen.emplace(fold(s.text), e.key);
            if (fresh || it->second == e.key) continue;
            const auto* other = lexicon().find(it->second);
            if (e.type == EntityType::Person || (other && other->type == EntityType::Person))
                ADD_FAILURE() << "'" << s.text << "' names " << it->second << " and " << e.key;
        }
    // No surname-only alias that is an ordinary name of many people.
    for (const char* word : {"Castro", "Kim", "Lee", "Li", "Park", "Bush", "Jackson", "Lincoln", "Washington", "Khan",
                             "Singh", "Gandhi", "Aquino", "Marcos", "Kenyatta", "Kabila", "Assad"})
        EXPECT_EQ(person_surfaces.count(fold(word)), 0u) << word;
}

}  // namespace dyad
