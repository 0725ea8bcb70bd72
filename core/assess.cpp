// The dyad assessment: items, scores, topics, verdict; text and JSON.
#include "core/assess.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/error.h"
#include "core/json.h"
#include "core/text.h"

namespace dyad {
namespace {

// The weights of docs/assess.md: how much one supporting sentence of each kind counts.
struct KindWeight {
    std::string_view kind;
    double weight;
};
constexpr KindWeight kWeights[] = {
    {"alliedWith", 3},    {"atWarWith", 3},        {"tradingPartnerOf", 2},  {"cooperatesWith", 2},
    {"inDisputeWith", 2}, {"shared agreement", 1}, {"shared initiative", 1}, {"shared organization", 1},
};
constexpr double kHistoricalFactor = 0.25;  // historical statements, past wars, replaced agreements
constexpr double kHedgedFactor = 0.5;       // "may", "at times", "can be considered"...

double weight_of(std::string_view kind) {
    for (const auto& w : kWeights)
        if (w.kind == kind) return w.weight;
    return 0;
}

std::size_t distinct_sentences(const std::vector<const Relation*>& relations) {
    std::set<std::pair<std::string, std::uint32_t>> seen;
    for (const auto* r : relations)
        for (const auto& e : r->evidence) seen.emplace(e.doc_id, e.sentence.begin);
    return seen.size();
}

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& more) {
    for (const auto& m : more)
        if (std::find(into.begin(), into.end(), m) == into.end()) into.push_back(m);
}

void score(AssessItem& item) {
    item.weight = item.stance == Stance::Context ? 0 : weight_of(item.kind);
    item.factor = (item.time == "historical" ? kHistoricalFactor : 1.0) * (item.modality.empty() ? 1.0 : kHedgedFactor);
    item.score = item.negated ? 0 : item.weight * item.factor * static_cast<double>(item.sentences);
}

// What the two have to do with one agreement, initiative, organization or event.
struct Membership {
    const Relation* yes[2] = {nullptr, nullptr};  // a, b: asserted
    const Relation* no[2] = {nullptr, nullptr};   // a, b: negated
};

const char* shared_kind(EntityType t) {
    switch (t) {
    case EntityType::Agreement: return "shared agreement";
    case EntityType::Initiative: return "shared initiative";
    case EntityType::Organization: return "shared organization";
    case EntityType::Event: return "shared event";
    default: return nullptr;
    }
}

std::string join_names(const std::vector<std::string>& keys, const KnowledgeGraph& g, std::size_t max) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < keys.size() && i < max; ++i) {
        const auto* e = g.find(keys[i]);
        names.push_back(e ? e->name : keys[i]);
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return out;
}

std::vector<std::string> ranked_topics(const std::vector<AssessItem>& items, Stance stance, const KnowledgeGraph& g) {
    // A topic weighs its item's score times the share of the item's sentences that name it, so
    // "frictions on immigration" wins over a topic named once in passing.
    std::map<std::string, double> total;
    for (const auto& item : items) {
        if (item.stance != stance || item.score <= 0) continue;
        std::vector<std::string> quotes;
        for (const auto* r : item.relations)
            for (const auto& e : r->evidence) quotes.push_back(" " + fold(e.quote) + " ");
        for (const auto& t : item.topics) {
            const auto* topic = g.find(t);
            std::vector<std::string> names;
            if (topic) {
                names.push_back(" " + fold(topic->name) + " ");
                for (const auto& a : topic->alt_names) names.push_back(" " + fold(a) + " ");
            }
            std::size_t naming = 0;
            for (const auto& q : quotes)
                if (std::any_of(names.begin(), names.end(),
                                [&](const std::string& n) { return q.find(n) != std::string::npos; }))
                    ++naming;
            total[t] +=
                item.score *
                (quotes.empty() ? 1.0 : static_cast<double>(naming + 1) / static_cast<double>(quotes.size() + 1));
        }
    }
    std::vector<std::string> out;
    for (const auto& [t, s] : total) out.push_back(t);
    auto name = [&](const std::string& k) {
        const auto* e = g.find(k);
        return e ? e->name : k;
    };
    std::stable_sort(out.begin(), out.end(), [&](const std::string& x, const std::string& y) {
        if (total[x] != total[y]) return total[x] > total[y];
        return name(x) < name(y);
    });
    return out;
}

std::string verdict(const Assessment& r, const KnowledgeGraph& g) {
    if (r.cooperation + r.tension <= 0) return "no cooperation or tension on record";
    const auto coop = join_names(r.cooperation_topics, g, 3);
    const auto tension = join_names(r.tension_topics, g, 3);
    const double b = r.balance;
    if (b >= 0.15) {
        std::string v = b >= 0.5 ? "close partners" : "partners";
        if (r.tension > 0) v += tension.empty() ? " with frictions" : " with frictions on " + tension;
        return v;
    }
    if (b <= -0.15) {
        std::string v = b <= -0.5 ? "adversaries" : "strained relations";
        if (r.cooperation > 0) v += coop.empty() ? " despite some cooperation" : ", still cooperating on " + coop;
        return v;
    }
    std::string v = "a mixed relationship";
    if (!coop.empty()) v += ", cooperating on " + coop;
    if (!tension.empty()) v += (coop.empty() ? ", " : " but ") + std::string("at odds over ") + tension;
    return v;
}

}  // namespace

std::string_view to_string(Stance s) {
    switch (s) {
    case Stance::Cooperation: return "cooperation";
    case Stance::Tension: return "tension";
    case Stance::Context: return "context";
    }
    return "context";
}

Assessment assess(const KnowledgeGraph& graph, const std::string& a, const std::string& b) {
    Assessment out;
    out.a = graph.find(a);
    out.b = graph.find(b);
    if (!out.a || !out.b)
        throw Error(ErrorKind::Usage, "assess: '" + (out.a ? b : a) + "' is not in the graph; check the name or key");
    if (a == b) throw Error(ErrorKind::Usage, "assess: '" + out.a->name + "' twice; name two different entities");

    // Direct relations, both directions, asserted and negated.
    std::set<std::tuple<std::string, Predicate, std::string>> asserted, negated;
    for (const auto* r : graph.relations_sorted())
        (r->negated ? negated : asserted).emplace(r->subject, r->predicate, r->object);
    auto contradicted = [&](const Relation& r) {
        const auto key = std::make_tuple(r.subject, r.predicate, r.object);
        return asserted.count(key) && negated.count(key);
    };
    for (const auto* r : between(graph, a, b).relations) {
        AssessItem item;
        const auto polarity = info(r->predicate).polarity;
        item.stance = polarity == Polarity::Cooperation ? Stance::Cooperation
                      : polarity == Polarity::Conflict  ? Stance::Tension
                                                        : Stance::Context;
        item.kind = std::string(to_string(r->predicate));
        item.relations = {r};
        item.negated = r->negated;
        item.contradicted = contradicted(*r);
        item.topics = r->qualifiers.topics;
        item.time = r->qualifiers.time;
        item.modality = r->qualifiers.modality;
        item.sentences = distinct_sentences(item.relations);
        score(item);
        out.items.push_back(std::move(item));
    }

    // What they share: agreements and initiatives (partyTo), organizations (memberOf), events.
    std::map<std::string, Membership> members;
    std::map<std::string, std::string> replaced_by;
    std::map<std::string, std::vector<std::string>> addresses;
    for (const auto* r : graph.relations_sorted()) {
        if (r->predicate == Predicate::ReplacedBy && !r->negated) replaced_by.emplace(r->subject, r->object);
        if (r->predicate == Predicate::Addresses && !r->negated) addresses[r->subject].push_back(r->object);
        if (r->predicate != Predicate::PartyTo && r->predicate != Predicate::MemberOf &&
            r->predicate != Predicate::ParticipantIn)
            continue;
        const int side = r->subject == a ? 0 : r->subject == b ? 1 : -1;
        if (side < 0) continue;
        auto& m = members[r->object];
        (r->negated ? m.no : m.yes)[side] = r;
    }
    std::set<std::string> involved = {a, b};
    std::vector<AssessItem> shared;
    for (const auto& [key, m] : members) {
        const auto* x = graph.find(key);
        const char* kind = x ? shared_kind(x->type) : nullptr;
        if (!kind) continue;
        AssessItem item;
        item.shared = x;
        if (m.yes[0] && m.yes[1]) {
            item.kind = kind;
            item.stance = x->type == EntityType::Event ? Stance::Context : Stance::Cooperation;
            item.relations = {m.yes[0], m.yes[1]};
            item.contradicted = m.no[0] || m.no[1];
        } else if ((m.yes[0] && m.no[1]) || (m.yes[1] && m.no[0])) {
            item.kind = "divergence";
            item.stance = Stance::Context;
            item.relations = {m.yes[0] ? m.yes[0] : m.yes[1], m.yes[0] ? m.no[1] : m.no[0]};
        } else {
            continue;
        }
        involved.insert(key);
        for (const auto* r : item.relations) {
            add_unique(item.topics, r->qualifiers.topics);
            if (item.modality.empty()) item.modality = r->qualifiers.modality;
        }
        if (auto it = addresses.find(key); it != addresses.end()) add_unique(item.topics, it->second);
        std::sort(item.topics.begin(), item.topics.end());
        if (auto it = replaced_by.find(key); it != replaced_by.end()) {
            const auto* y = graph.find(it->second);
            item.time = "historical";
            item.note = "replaced by " + (y ? y->name : it->second);
        } else {
            for (const auto* r : item.relations)
                if (r->qualifiers.time == "historical" || item.time.empty()) item.time = r->qualifiers.time;
        }
        item.sentences = distinct_sentences(item.relations);
        score(item);
        shared.push_back(std::move(item));
    }
    out.items.insert(out.items.end(), shared.begin(), shared.end());
    std::stable_sort(out.items.begin(), out.items.end(), [](const AssessItem& x, const AssessItem& y) {
        return std::make_pair(static_cast<int>(x.stance), x.negated) <
               std::make_pair(static_cast<int>(y.stance), y.negated);
    });

    for (const auto& c : conflicts(graph))
        if ((c.asserted->subject == a || c.asserted->subject == b) && involved.count(c.asserted->object))
            out.contradictions.push_back(c);

    for (const auto& item : out.items) {
        if (item.stance == Stance::Cooperation) out.cooperation += item.score;
        if (item.stance == Stance::Tension) out.tension += item.score;
    }
    const double total = out.cooperation + out.tension;
    out.balance = total > 0 ? (out.cooperation - out.tension) / total : 0;
    out.cooperation_topics = ranked_topics(out.items, Stance::Cooperation, graph);
    out.tension_topics = ranked_topics(out.items, Stance::Tension, graph);
    out.verdict = verdict(out, graph);
    return out;
}

// ---- writing ----------------------------------------------------------------------------------

namespace {

std::string number(double v, const char* format = "%g") {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

}  // namespace

std::string describe(const AssessItem& item, const Workspace& ws) {
    if (!item.shared) return describe(*item.relations[0], ws);
    std::string t = item.kind + ": " + describe(*item.shared);
    std::vector<std::string> parts;
    if (!item.topics.empty()) {
        std::string topics;
        for (const auto& k : item.topics) topics += (topics.empty() ? "" : ", ") + ws.name(k);
        parts.push_back("topics: " + topics);
    }
    if (!item.time.empty()) parts.push_back("time: " + item.time + (item.note.empty() ? "" : " (" + item.note + ")"));
    if (!item.modality.empty()) parts.push_back("modality: " + item.modality);
    if (!parts.empty()) {
        t += " [";
        for (std::size_t i = 0; i < parts.size(); ++i) t += (i ? "; " : "") + parts[i];
        t += "]";
    }
    return t;
}

std::string formula(const AssessItem& item) {
    return number(item.weight) + " x " + number(item.factor) + " x " + std::to_string(item.sentences) + " = " +
           number(item.score, "%.2f");
}

std::string signed_balance(double b) { return (b > 0 ? "+" : "") + number(b, "%.2f"); }

namespace {

void item_text(std::ostream& out, const AssessItem& item, const Workspace& ws, bool scored) {
    out << "  " << describe(item, ws);
    if (scored) out << "  " << formula(item);
    else out << "  (" << sentences(item.sentences) << ")";
    if (item.contradicted) out << "  CONTRADICTED";
    out << "\n";
    for (const auto* r : item.relations) {
        if (item.shared) out << "    " << describe(*r, ws) << "\n";
        for (const auto* e : sentences_of(*r)) out << (item.shared ? "      " : "    ") << describe(*e, ws) << "\n";
    }
}

std::vector<const Entity*> shared_of(const Assessment& r, std::initializer_list<const char*> kinds) {
    std::vector<const Entity*> out;
    for (const auto& item : r.items)
        for (const char* k : kinds)
            if (item.kind == k) out.push_back(item.shared);
    return out;
}

std::string shared_list(const std::vector<const Entity*>& entities, const Assessment& r) {
    if (entities.empty()) return "none";
    std::string out;
    for (const auto* e : entities) {
        out += (out.empty() ? "" : ", ") + e->name;
        for (const auto& item : r.items)
            if (item.shared == e && item.time == "historical") out += " (historical)";
    }
    return out;
}

void topic_list(std::ostream& out, const char* label, const std::vector<std::string>& topics, const Workspace& ws) {
    out << "  " << label << ": ";
    if (topics.empty()) out << "none";
    for (std::size_t i = 0; i < topics.size(); ++i) out << (i ? ", " : "") << ws.name(topics[i]);
    out << "\n";
}

void json_item(JsonWriter& w, const AssessItem& item, const Workspace& ws) {
    w.begin_object();
    w.key("stance").value(to_string(item.stance)).key("kind").value(item.kind);
    w.key("shared");
    if (item.shared) write_json(w, *item.shared);
    else w.null();
    w.key("negated").value(item.negated).key("contradicted").value(item.contradicted);
    w.key("topics").begin_array();
    for (const auto& t : item.topics) w.value(t);
    w.end_array();
    w.key("time").value(item.time).key("note").value(item.note).key("modality").value(item.modality);
    w.key("sentences").value(item.sentences).key("weight").value(item.weight).key("factor").value(item.factor);
    w.key("score").value(item.score);
    w.key("relations").begin_array();
    for (const auto* r : item.relations) write_json(w, *r, ws);
    w.end_array();
    w.end_object();
}

}  // namespace

void write(const Assessment& r, const Workspace& ws, OutputFormat format, std::ostream& out) {
    if (format == OutputFormat::Json) {
        JsonWriter w(out);
        w.begin_object().key("a");
        write_json(w, *r.a);
        w.key("b");
        write_json(w, *r.b);
        w.key("verdict").value(r.verdict).key("balance").value(r.balance);
        w.key("cooperation").value(r.cooperation).key("tension").value(r.tension);
        w.key("formula").value(
            "score = weight x factor x sentences; balance = (cooperation - tension) / "
            "(cooperation + tension), from -1 (all tension) to +1 (all cooperation)");
        w.key("topics").begin_object();
        for (const auto& [name, list] :
             {std::pair{"cooperation", &r.cooperation_topics}, std::pair{"tension", &r.tension_topics}}) {
            w.key(name).begin_array();
            for (const auto& t : *list) w.value(t);
            w.end_array();
        }
        w.end_object();
        w.key("shared").begin_object();
        for (const auto& [name, kinds] :
             {std::pair{"agreements", std::vector<const char*>{"shared agreement", "shared initiative"}},
              std::pair{"organizations", std::vector<const char*>{"shared organization"}},
              std::pair{"events", std::vector<const char*>{"shared event"}}}) {
            w.key(name).begin_array();
            for (const auto& item : r.items)
                for (const char* k : kinds)
                    if (item.kind == k) w.value(item.shared->key);
            w.end_array();
        }
        w.end_object();
        w.key("items").begin_array();
        for (const auto& item : r.items) json_item(w, item, ws);
        w.end_array();
        w.key("contradictions").begin_array();
        for (const auto& c : r.contradictions) {
            w.begin_object().key("same_document").value(c.same_document).key("asserted");
            write_json(w, *c.asserted, ws);
            w.key("negated");
            write_json(w, *c.negated, ws);
            w.end_object();
        }
        w.end_array();
        w.end_object();
        w.finish();
        return;
    }
    out << describe(*r.a) << " and " << describe(*r.b) << "\n";
    out << "verdict: " << r.verdict << "\n";
    out << "balance: " << signed_balance(r.balance) << " (cooperation " << number(r.cooperation, "%.2f") << ", tension "
        << number(r.tension, "%.2f") << "; -1 all tension, +1 all cooperation)\n";
    auto section = [&](const char* title, auto pick, bool scored) {
        bool any = false;
        for (const auto& item : r.items) {
            if (!pick(item)) continue;
            if (!any) out << "\n" << title << "\n";
            any = true;
            item_text(out, item, ws, scored);
        }
    };
    section(
        "cooperation (score = weight x factor x sentences)",
        [](const AssessItem& i) { return i.stance == Stance::Cooperation && !i.negated; }, true);
    section(
        "tension (score = weight x factor x sentences)",
        [](const AssessItem& i) { return i.stance == Stance::Tension && !i.negated; }, true);
    section(
        "context (not scored)", [](const AssessItem& i) { return i.stance == Stance::Context && !i.negated; }, false);
    section(
        "stated as not holding (not scored)", [](const AssessItem& i) { return i.negated; }, false);
    if (!r.contradictions.empty()) {
        out << "\ncontradictions\n";
        for (const auto& c : r.contradictions) {
            out << "  " << describe(*c.asserted, ws) << ": asserted and negated ("
                << (c.same_document ? "in the same document" : "in different documents") << ")\n";
            for (const auto* e : sentences_of(*c.asserted)) out << "    asserted: " << describe(*e, ws) << "\n";
            for (const auto* e : sentences_of(*c.negated)) out << "    negated:  " << describe(*e, ws) << "\n";
        }
    }
    out << "\ntopics\n";
    topic_list(out, "cooperate on", r.cooperation_topics, ws);
    topic_list(out, "at odds over", r.tension_topics, ws);
    out << "\nshared agreements and initiatives: "
        << shared_list(shared_of(r, {"shared agreement", "shared initiative"}), r) << "\n";
    out << "shared organizations: " << shared_list(shared_of(r, {"shared organization"}), r) << "\n";
}

}  // namespace dyad
