// Graph comparison by keys: entities by key, relations by (subject, predicate, object, negation),
// evidence by value.
#include "core/diff.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/json.h"

namespace dyad {
namespace {

using RelationKey = std::tuple<std::string, Predicate, std::string, bool>;

RelationKey key_of(const Relation& r) { return {r.subject, r.predicate, r.object, r.negated}; }

// "+a +b -c" for two sorted lists, or "" when equal.
std::string list_change(std::vector<std::string> before, std::vector<std::string> after) {
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    std::vector<std::string> gained, lost;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(gained));
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(lost));
    std::string out;
    for (const auto& g : gained) out += (out.empty() ? "+" : " +") + g;
    for (const auto& l : lost) out += (out.empty() ? "-" : " -") + l;
    return out;
}

std::string or_none(const std::string& s) { return s.empty() ? "(none)" : s; }

void value_change(std::vector<std::string>& out, const char* what, const std::string& before,
                  const std::string& after) {
    if (before != after) out.push_back(std::string(what) + ": " + or_none(before) + " -> " + or_none(after));
}

std::vector<std::string> qualifier_changes(const Relation& b, const Relation& a) {
    std::vector<std::string> out;
    if (auto c = list_change(b.qualifiers.topics, a.qualifiers.topics); !c.empty()) out.push_back("topics " + c);
    if (auto c = list_change(b.qualifiers.vehicles, a.qualifiers.vehicles); !c.empty()) out.push_back("vehicles " + c);
    value_change(out, "time", b.qualifiers.time, a.qualifiers.time);
    value_change(out, "modality", b.qualifiers.modality, a.qualifiers.modality);
    const auto q = [](const Relation& r) {
        return r.qualifiers.quantity ? r.qualifiers.quantity->text : std::string();
    };
    value_change(out, "quantity", q(b), q(a));
    if (std::fabs(b.confidence - a.confidence) > 1e-4f) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "confidence: %.2f -> %.2f", static_cast<double>(b.confidence),
                      static_cast<double>(a.confidence));
        out.push_back(buf);
    }
    return out;
}

std::vector<const Evidence*> missing_from(const Relation& from, const Relation& in) {
    std::vector<const Evidence*> out;
    for (const auto& e : from.evidence)
        if (std::find(in.evidence.begin(), in.evidence.end(), e) == in.evidence.end()) out.push_back(&e);
    return out;
}

}  // namespace

bool GraphDiff::empty() const {
    return documents_gained.empty() && documents_lost.empty() && entities_gained.empty() && entities_lost.empty() &&
           entities_changed.empty() && relations_gained.empty() && relations_lost.empty() && relations_changed.empty();
}

GraphDiff diff(const Workspace& before, const Workspace& after) {
    GraphDiff d;
    for (const auto& [id, source] : after.documents())
        if (!before.documents().count(id)) d.documents_gained.push_back(id);
    for (const auto& [id, source] : before.documents())
        if (!after.documents().count(id)) d.documents_lost.push_back(id);

    for (const auto* e : after.graph().entities_sorted()) {
        const auto* old = before.graph().find(e->key);
        if (!old) {
            d.entities_gained.push_back(e);
            continue;
        }
        EntityChange c{old, e, {}};
        value_change(c.changes, "name", old->name, e->name);
        value_change(c.changes, "type", std::string(to_string(old->type)), std::string(to_string(e->type)));
        if (auto names = list_change(old->alt_names, e->alt_names); !names.empty())
            c.changes.push_back("alternate names " + names);
        if (!c.changes.empty()) d.entities_changed.push_back(std::move(c));
    }
    for (const auto* e : before.graph().entities_sorted())
        if (!after.graph().find(e->key)) d.entities_lost.push_back(e);

    std::map<RelationKey, const Relation*> old_relations;
    for (const auto* r : before.graph().relations_sorted()) old_relations.emplace(key_of(*r), r);
    std::map<RelationKey, const Relation*> new_relations;
    for (const auto* r : after.graph().relations_sorted()) {
        new_relations.emplace(key_of(*r), r);
        auto it = old_relations.find(key_of(*r));
        if (it == old_relations.end()) {
            d.relations_gained.push_back(r);
            continue;
        }
        RelationChange c{it->second, r, missing_from(*r, *it->second), missing_from(*it->second, *r),
                         qualifier_changes(*it->second, *r)};
        if (!c.evidence_gained.empty() || !c.evidence_lost.empty() || !c.qualifiers.empty())
            d.relations_changed.push_back(std::move(c));
    }
    for (const auto* r : before.graph().relations_sorted())
        if (!new_relations.count(key_of(*r))) d.relations_lost.push_back(r);
    return d;
}

namespace {

void entity_json(JsonWriter& w, const Entity& e) { write_json(w, e); }

void evidence_array(JsonWriter& w, const char* name, const std::vector<const Evidence*>& list, const Workspace& ws) {
    w.key(name).begin_array();
    for (const auto* e : list) write_json(w, *e, ws);
    w.end_array();
}

}  // namespace

void write(const GraphDiff& d, const Workspace& before, const Workspace& after, OutputFormat format,
           std::ostream& out) {
    if (format == OutputFormat::Json) {
        JsonWriter w(out);
        w.begin_object().key("differ").value(!d.empty());
        w.key("documents").begin_object();
        w.key("gained").begin_array();
        for (const auto& id : d.documents_gained)
            w.begin_object().key("id").value(id).key("source").value(after.source(id)).end_object();
        w.end_array().key("lost").begin_array();
        for (const auto& id : d.documents_lost)
            w.begin_object().key("id").value(id).key("source").value(before.source(id)).end_object();
        w.end_array().end_object();
        w.key("entities").begin_object().key("gained").begin_array();
        for (const auto* e : d.entities_gained) entity_json(w, *e);
        w.end_array().key("lost").begin_array();
        for (const auto* e : d.entities_lost) entity_json(w, *e);
        w.end_array().key("changed").begin_array();
        for (const auto& c : d.entities_changed) {
            w.begin_object().key("key").value(c.after->key).key("changes").begin_array();
            for (const auto& s : c.changes) w.value(s);
            w.end_array().end_object();
        }
        w.end_array().end_object();
        w.key("relations").begin_object().key("gained").begin_array();
        for (const auto* r : d.relations_gained) write_json(w, *r, after);
        w.end_array().key("lost").begin_array();
        for (const auto* r : d.relations_lost) write_json(w, *r, before);
        w.end_array().key("changed").begin_array();
        for (const auto& c : d.relations_changed) {
            w.begin_object().key("relation");
            write_json(w, *c.after, after);
            w.key("qualifiers").begin_array();
            for (const auto& s : c.qualifiers) w.value(s);
            w.end_array();
            evidence_array(w, "evidence_gained", c.evidence_gained, after);
            evidence_array(w, "evidence_lost", c.evidence_lost, before);
            w.end_object();
        }
        w.end_array().end_object();
        w.end_object();
        w.finish();
        return;
    }
    out << "documents: +" << d.documents_gained.size() << " -" << d.documents_lost.size() << "\n";
    for (const auto& id : d.documents_gained) out << "  + " << after.source(id) << "\n";
    for (const auto& id : d.documents_lost) out << "  - " << before.source(id) << "\n";
    out << "entities: +" << d.entities_gained.size() << " -" << d.entities_lost.size() << " ~"
        << d.entities_changed.size() << "\n";
    for (const auto* e : d.entities_gained)
        out << "  + " << e->key << " (" << e->name << ", " << to_string(e->type) << ")\n";
    for (const auto* e : d.entities_lost)
        out << "  - " << e->key << " (" << e->name << ", " << to_string(e->type) << ")\n";
    for (const auto& c : d.entities_changed) {
        out << "  ~ " << c.after->key << ":";
        for (std::size_t i = 0; i < c.changes.size(); ++i) out << (i ? "; " : " ") << c.changes[i];
        out << "\n";
    }
    out << "relations: +" << d.relations_gained.size() << " -" << d.relations_lost.size() << " ~"
        << d.relations_changed.size() << "\n";
    for (const auto* r : d.relations_gained) {
        out << "  + " << describe(*r, after) << "\n";
        for (const auto& e : r->evidence) out << "      " << describe(e, after) << " [" << e.rule << "]\n";
    }
    for (const auto* r : d.relations_lost) {
        out << "  - " << describe(*r, before) << "\n";
        for (const auto& e : r->evidence) out << "      " << describe(e, before) << " [" << e.rule << "]\n";
    }
    for (const auto& c : d.relations_changed) {
        out << "  ~ " << describe(*c.after, after) << ":";
        std::vector<std::string> parts = c.qualifiers;
        if (!c.evidence_gained.empty() || !c.evidence_lost.empty())
            parts.push_back("evidence +" + std::to_string(c.evidence_gained.size()) + " -" +
                            std::to_string(c.evidence_lost.size()));
        for (std::size_t i = 0; i < parts.size(); ++i) out << (i ? "; " : " ") << parts[i];
        out << "\n";
        for (const auto* e : c.evidence_gained) out << "      + " << describe(*e, after) << " [" << e->rule << "]\n";
        for (const auto* e : c.evidence_lost) out << "      - " << describe(*e, before) << " [" << e->rule << "]\n";
    }
}

bool run_diff(const std::filesystem::path& before, const std::filesystem::path& after, OutputFormat format,
              std::ostream& out) {
    const auto old_ws = Workspace::open(before);
    const auto new_ws = Workspace::open(after);
    const auto d = diff(old_ws, new_ws);
    write(d, old_ws, new_ws, format, out);
    return !d.empty();
}

}  // namespace dyad
