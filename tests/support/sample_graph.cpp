// The hand-built sample graph.
#include "tests/support/sample_graph.h"

namespace dyad::tests {

void relate(KnowledgeGraph& g, const std::string& subject, Predicate p, const std::string& object,
            const std::string& doc, std::uint32_t at, const std::string& quote, bool negated, Qualifiers qualifiers) {
    Relation r;
    r.subject = subject;
    r.object = object;
    r.predicate = p;
    if (info(p).symmetric && r.object < r.subject) std::swap(r.subject, r.object);
    r.negated = negated;
    r.confidence = 0.8f;
    r.qualifiers = std::move(qualifiers);
    const auto end = at + static_cast<std::uint32_t>(quote.size());
    r.evidence.push_back({doc, {at, end}, {at, at + 1}, {at + 2, at + 3}, quote, "cue:test", Span{at, end}});
    g.add_or_merge(r);
}

namespace {

Qualifiers with(std::vector<std::string> topics, std::vector<std::string> vehicles = {}, std::string time = "") {
    Qualifiers q;
    q.topics = std::move(topics);
    q.vehicles = std::move(vehicles);
    q.time = std::move(time);
    return q;
}

}  // namespace

KnowledgeGraph sample_graph() {
    KnowledgeGraph g;
    auto add = [&](const char* key, EntityType t, const char* name, std::vector<std::string> alt = {}) {
        g.add_or_merge(Entity{key, t, name, std::move(alt), {}});
    };
    using T = EntityType;
    add("country/mexico", T::Country, "Mexico", {"Mexican"});
    add("country/united-states", T::Country, "United States", {"U.S.", "US"});
    add("country/canada", T::Country, "Canada");
    add("country/chile", T::Country, "Chile");
    add("country/peru", T::Country, "Peru");
    add("country/georgia", T::Country, "Georgia");
    add("place/georgia", T::Place, "Georgia");
    add("initiative/merida-initiative", T::Initiative, "Mérida Initiative");
    add("agreement/nafta", T::Agreement, "North American Free Trade Agreement", {"NAFTA"});
    add("agreement/usmca", T::Agreement, "United States-Mexico-Canada Agreement", {"USMCA"});
    add("organization/pacific-alliance", T::Organization, "Pacific Alliance");
    add("topic/security", T::Topic, "security");
    add("topic/trade", T::Topic, "trade");
    add("topic/immigration", T::Topic, "immigration");

    const std::string mx = "country/mexico", us = "country/united-states", ca = "country/canada", cl = "country/chile",
                      pe = "country/peru", merida = "initiative/merida-initiative", nafta = "agreement/nafta",
                      usmca = "agreement/usmca", pa = "organization/pacific-alliance";
    using P = Predicate;
    const std::string coop1 = "Mexico and the U.S. cooperate on security through the Merida Initiative.";
    relate(g, mx, P::CooperatesWith, us, "d1", 0, coop1, false, with({"topic/security"}, {merida}));
    relate(g, mx, P::CooperatesWith, us, "d2", 0, "Mexico works with the United States on security.", false,
           with({"topic/security"}));
    relate(g, mx, P::AlliedWith, us, "d1", 100, "Mexico and the United States are allies.");
    relate(g, mx, P::AlliedWith, us, "d3", 0, "Mexico and the United States are not allies.", true);
    relate(g, mx, P::TradingPartnerOf, us, "d2", 100, "The United States is Mexico's largest trading partner.", false,
           with({"topic/trade"}));
    relate(g, mx, P::InDisputeWith, us, "d2", 200, "Mexico and the United States quarrel over migrants and tariffs.",
           false, with({"topic/immigration", "topic/trade"}));
    relate(g, mx, P::PartyTo, merida, "d1", 0, coop1);
    relate(g, us, P::PartyTo, merida, "d1", 0, coop1);
    const std::string nafta_quote = "Mexico, the United States and Canada signed NAFTA.";
    for (const auto& c : {mx, us, ca}) relate(g, c, P::PartyTo, nafta, "d1", 300, nafta_quote);
    const std::string usmca_quote = "NAFTA was replaced by the USMCA, which Mexico, the U.S. and Canada ratified.";
    relate(g, nafta, P::ReplacedBy, usmca, "d1", 400, usmca_quote);
    for (const auto& c : {mx, us, ca}) relate(g, c, P::PartyTo, usmca, "d1", 400, usmca_quote);
    const std::string pa_quote = "Chile, Peru and Mexico are members of the Pacific Alliance.";
    for (const auto& c : {cl, pe, mx}) relate(g, c, P::MemberOf, pa, "d3", 100, pa_quote);
    relate(g, cl, P::InDisputeWith, pe, "d3", 200, "Chile and Peru once disputed their maritime boundary.", false,
           with({}, {}, "historical"));
    relate(g, cl, P::SharesBorderWith, pe, "d3", 300, "Chile and Peru share a border.");
    return g;
}

}  // namespace dyad::tests
