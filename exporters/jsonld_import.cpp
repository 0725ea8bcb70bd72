// JSON-LD import: a RapidJSON Document walked against the shape jsonld.cpp writes (rdf_terms.h's
// build()), with every deviation reported as an Input error that names the file and the node.
#include "exporters/jsonld_import.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "core/error.h"
#include "exporters/escape.h"
#include "exporters/rdf_terms.h"

namespace dyad::exporters {
namespace {

using Json = rapidjson::Value;

constexpr const char* kHint = "import reads files written by 'dyad export --format jsonld'";

// RapidJSON 1.1.0 turns a lone surrogate escape ("\ude00") into bytes that are not UTF-8; they
// become U+FFFD here, as the exporter would write them (found by fuzz_import: the round trip
// changed such a string, tests/fuzz/corpus/fuzz_import/crash-lone-surrogate-escape).
std::string text(const Json& v) { return valid_utf8(std::string_view(v.GetString(), v.GetStringLength())); }

std::string without_period(std::string s) {
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

class Reader {
public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw input_error(source_, (where.empty() ? "" : where + ": ") + what);
    }

    KnowledgeGraph read(std::istream& in) {
        const std::string input(std::istreambuf_iterator<char>(in), {});
        if (in.bad()) fail("", "read error");
        rapidjson::Document doc;
        // Not kParseFullPrecisionFlag: RapidJSON 1.1.0's full-precision strtod reads out of bounds
        // (SIGSEGV) on a number such as 0.000…0001e-312 with ~150 zeros (found by fuzz_import,
        // tests/fuzz/corpus/fuzz_import/crash-rapidjson-strtod-segv). The normal path is exact for
        // what dyad writes (short decimals: confidences to 4 places, quantities).
        doc.Parse<rapidjson::kParseValidateEncodingFlag>(input.data(), input.size());
        if (doc.HasParseError())
            fail("", "not JSON: " + without_period(rapidjson::GetParseError_En(doc.GetParseError())) + " at byte " +
                         std::to_string(doc.GetErrorOffset()) + "; " + kHint);
        if (!doc.IsObject()) fail("", std::string("the top level is not a JSON object; ") + kHint);
        check_context(doc);
        if (!doc.HasMember("@graph") || !doc["@graph"].IsArray())
            fail("", std::string("no \"@graph\" array at the top level; ") + kHint);
        for (auto m = doc.MemberBegin(); m != doc.MemberEnd(); ++m)
            if (text(m->name) != "@context" && text(m->name) != "@graph")
                fail("", "unknown top-level member '" + text(m->name) + "'; " + kHint);
        const auto& nodes = doc["@graph"];
        for (rapidjson::SizeType i = 0; i < nodes.Size(); ++i) node(nodes[i], "@graph[" + std::to_string(i) + "]");
        return assemble();
    }

private:
    // --- the context: dyad's, term for term ---

    void check_context(const Json& doc) const {
        if (!doc.HasMember("@context") || !doc["@context"].IsObject())
            fail("", std::string("no \"@context\" object; ") + kHint);
        const auto& c = doc["@context"];
        std::size_t expected = 1;  // @version
        if (!c.HasMember("@version") || !c["@version"].IsNumber() || c["@version"].GetDouble() != 1.1)
            fail("@context", "\"@version\" is not 1.1; " + std::string(kHint));
        for (const auto& t : ld::context()) {
            ++expected;
            const auto coercion = ld::coercion_name(t.coercion);
            const auto it = c.FindMember(t.name.c_str());
            bool same = it != c.MemberEnd();
            if (same && coercion.empty()) {
                same = it->value.IsString() && text(it->value) == t.iri;
            } else if (same) {
                const auto& v = it->value;
                same = v.IsObject() && v.MemberCount() == 2 && v.HasMember("@id") && v["@id"].IsString() &&
                       text(v["@id"]) == t.iri && v.HasMember("@type") && v["@type"].IsString() &&
                       text(v["@type"]) == coercion;
            }
            if (!same)
                fail("@context", "term '" + t.name + "' is missing or is not dyad's; " + kHint +
                                     " (export it again with this version of dyad)");
        }
        if (c.MemberCount() != expected) fail("@context", "it defines terms dyad does not know; " + std::string(kHint));
    }

    // --- typed access ---

    const Json& member(const Json& obj, const char* name, const std::string& where) const {
        const auto it = obj.FindMember(name);
        if (it == obj.MemberEnd()) fail(where, std::string("'") + name + "' is missing");
        return it->value;
    }

    std::string string(const Json& obj, const char* name, const std::string& where) const {
        const auto& v = member(obj, name, where);
        if (!v.IsString()) fail(where, std::string("'") + name + "' must be a string");
        return text(v);
    }

    std::vector<std::string> strings(const Json& obj, const char* name, const std::string& where) const {
        std::vector<std::string> out;
        const auto it = obj.FindMember(name);
        if (it == obj.MemberEnd()) return out;
        if (!it->value.IsArray()) fail(where, std::string("'") + name + "' must be an array of strings");
        for (const auto& v : it->value.GetArray()) {
            if (!v.IsString()) fail(where, std::string("'") + name + "' must be an array of strings");
            out.push_back(text(v));
        }
        return out;
    }

    std::uint32_t offset(const Json& obj, const char* name, const std::string& where) const {
        const auto& v = member(obj, name, where);
        if (!v.IsUint()) fail(where, std::string("'") + name + "' must be an offset (a non-negative integer)");
        return v.GetUint();
    }

    void only(const Json& obj, std::initializer_list<std::string_view> allowed, const std::string& where) const {
        for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m)
            if (std::find(allowed.begin(), allowed.end(), text(m->name)) == allowed.end())
                fail(where, "unknown property '" + text(m->name) + "'");
    }

    void type(const Json& obj, const char* expected, const std::string& where) const {
        if (string(obj, "@type", where) != expected) fail(where, std::string("'@type' must be '") + expected + "'");
    }

    /// An IRI made by `prefix` + a key: the key. Keys must not hold what an IRI cannot.
    std::string key_of(const std::string& iri, std::string_view prefix, const std::string& where,
                       const char* what) const {
        if (iri.rfind(prefix, 0) != 0 || iri.size() == prefix.size())
            fail(where, std::string(what) + " '" + iri + "' is not an IRI starting with " + std::string(prefix));
        for (const unsigned char c : iri)
            if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
                c == '`' || c == '\\')
                fail(where, std::string(what) + " '" + iri + "' holds a character an IRI cannot");
        return iri.substr(prefix.size());
    }

    std::string entity_key(const Json& obj, const char* name, const std::string& where) const {
        return key_of(string(obj, name, where), ld::kEntityPrefix, where, name);
    }

    // --- nodes ---

    void node(const Json& n, const std::string& at) {
        if (!n.IsObject()) fail(at, "not a JSON object");
        const auto id = string(n, "@id", at);
        const auto where = at + " (" + id + ")";
        const auto type_name = string(n, "@type", where);
        if (type_name == "Statement") return statement(n, id, where);
        const auto entity_type = parse_entity_type(type_name);
        if (!entity_type) {
            std::string known;
            for (const auto& t : all_entity_types()) known += std::string(t.name) + ", ";
            fail(where, "unknown @type '" + type_name + "'; expected one of " + known + "Statement");
        }
        Entity e;
        e.key = key_of(id, ld::kEntityPrefix, where, "@id");
        e.type = *entity_type;
        e.name = string(n, "name", where);
        e.alt_names = strings(n, "alternateName", where);
        e.same_as = strings(n, "sameAs", where);
        for (const auto& s : e.same_as)
            if (s.find(':') == std::string::npos) fail(where, "sameAs '" + s + "' is not an absolute IRI");
        for (auto m = n.MemberBegin(); m != n.MemberEnd(); ++m) {
            const auto name = text(m->name);
            if (name == "@id" || name == "@type" || name == "name" || name == "alternateName" || name == "sameAs")
                continue;
            if (name == "@reverse") {  // --frame: the statements about this entity, nested
                framed(m->value, id, where);
                continue;
            }
            const auto predicate = parse_predicate(name);
            if (!predicate) fail(where, "unknown property '" + name + "' (not a dyad predicate)");
            for (const auto& object : strings(n, name.c_str(), where))
                edges_.emplace(e.key, *predicate, key_of(object, ld::kEntityPrefix, where, name.c_str()), where);
        }
        if (!entities_.emplace(e.key, e).second) fail(where, "the entity appears twice");
    }

    // "@reverse": {"subject": [statement nodes without "subject"]} on the node of entity `subject`.
    void framed(const Json& reverse, const std::string& subject, const std::string& where) {
        const auto at = where + " @reverse";
        if (!reverse.IsObject()) fail(at, "not a JSON object");
        only(reverse, {"subject"}, at);
        const auto& list = member(reverse, "subject", at);
        if (!list.IsArray()) fail(at, "'subject' must be an array of Statement nodes");
        for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
            const auto& n = list[i];
            const auto here = at + " subject[" + std::to_string(i) + "]";
            if (!n.IsObject()) fail(here, "not a JSON object");
            if (n.HasMember("subject")) fail(here, "a nested statement must not have its own 'subject'");
            const auto id = string(n, "@id", here);
            const auto where_statement = here + " (" + id + ")";
            type(n, "Statement", where_statement);
            statement(n, id, where_statement, &subject);
        }
    }

    void statement(const Json& n, const std::string& id, const std::string& where,
                   const std::string* subject = nullptr) {
        only(n,
             {"@id", "@type", "subject", "predicate", "object", "negated", "confidence", "topic", "vehicle", "time",
              "modality", "quantity", "wasDerivedFrom"},
             where);
        Relation r;
        r.subject = subject ? key_of(*subject, ld::kEntityPrefix, where, "subject") : entity_key(n, "subject", where);
        r.object = entity_key(n, "object", where);
        const auto predicate_iri = string(n, "predicate", where);
        const auto predicate =
            predicate_iri.rfind("dyad:", 0) == 0 ? parse_predicate(predicate_iri.substr(5)) : std::nullopt;
        if (!predicate) {
            std::string known;
            for (const auto& p : all_predicates()) known += (known.empty() ? "dyad:" : ", dyad:") + std::string(p.name);
            fail(where, "unknown predicate '" + predicate_iri + "'; expected one of " + known);
        }
        r.predicate = *predicate;
        const auto& negated = member(n, "negated", where);
        if (!negated.IsBool()) fail(where, "'negated' must be true or false");
        r.negated = negated.GetBool();
        const auto& confidence = member(n, "confidence", where);
        if (!confidence.IsNumber() || confidence.GetDouble() < 0 || confidence.GetDouble() > 1)
            fail(where, "'confidence' must be a number from 0 to 1");
        r.confidence = static_cast<float>(confidence.GetDouble());
        for (const auto& iri : strings(n, "topic", where))
            r.qualifiers.topics.push_back(key_of(iri, ld::kEntityPrefix, where, "topic"));
        for (const auto& iri : strings(n, "vehicle", where))
            r.qualifiers.vehicles.push_back(key_of(iri, ld::kEntityPrefix, where, "vehicle"));
        if (n.HasMember("time")) r.qualifiers.time = string(n, "time", where);
        if (n.HasMember("modality")) r.qualifiers.modality = string(n, "modality", where);
        if (n.HasMember("quantity")) r.qualifiers.quantity = quantity(n["quantity"], where + " quantity");
        if (n.HasMember("wasDerivedFrom")) {
            const auto& list = n["wasDerivedFrom"];
            if (!list.IsArray()) fail(where, "'wasDerivedFrom' must be an array of annotations");
            for (rapidjson::SizeType i = 0; i < list.Size(); ++i)
                r.evidence.push_back(evidence(list[i], where + " wasDerivedFrom[" + std::to_string(i) + "]"));
        }
        const auto expected = ld::statement_iri(r);
        if (id != expected)
            fail(where, "the @id does not match its subject, predicate, object and negation (expected " + expected +
                            "); was the file edited?");
        if (!relations_.emplace(expected, std::make_pair(r, where)).second) fail(where, "the statement appears twice");
    }

    Quantity quantity(const Json& q, const std::string& where) const {
        if (!q.IsObject()) fail(where, "not a JSON object");
        only(q, {"@type", "value", "unitText", "hedge", "name"}, where);
        type(q, "QuantitativeValue", where);
        Quantity out;
        const auto& value = member(q, "value", where);
        if (value.IsNull()) out.value = std::numeric_limits<double>::quiet_NaN();  // exported as null: not finite
        else if (value.IsNumber()) out.value = value.GetDouble();
        else fail(where, "'value' must be a number");
        out.unit = string(q, "unitText", where);
        if (q.HasMember("hedge")) out.hedge = string(q, "hedge", where);
        out.text = string(q, "name", where);
        return out;
    }

    Span position(const Json& selector, const char* kind, const std::string& where) const {
        if (!selector.IsObject()) fail(where, "not a JSON object");
        only(selector, {"@type", "start", "end"}, where);
        type(selector, kind, where);
        Span s{offset(selector, "start", where), offset(selector, "end", where)};
        if (s.begin > s.end) fail(where, "'start' is after 'end'");
        return s;
    }

    Evidence evidence(const Json& a, const std::string& where) const {
        if (!a.IsObject()) fail(where, "not a JSON object");
        only(a, {"@type", "rule", "hasTarget"}, where);
        type(a, "Annotation", where);
        Evidence e;
        e.rule = string(a, "rule", where);
        const auto& target = member(a, "hasTarget", where);
        const auto at = where + " hasTarget";
        if (!target.IsObject()) fail(at, "not a JSON object");
        only(target, {"hasSource", "hasSelector", "subjectPosition", "objectPosition"}, at);
        e.doc_id = key_of(string(target, "hasSource", at), ld::kDocumentPrefix, at, "hasSource");
        const auto& selectors = member(target, "hasSelector", at);
        bool has_bytes = false, has_quote = false;
        const std::string selectors_are =
            "'hasSelector' must hold one DataPositionSelector, one TextQuoteSelector and at most one "
            "TextPositionSelector";
        if (!selectors.IsArray()) fail(at, selectors_are);
        for (const auto& s : selectors.GetArray()) {
            const auto kind = s.IsObject() ? string(s, "@type", at + " hasSelector") : std::string();
            if (kind == "TextPositionSelector" && !e.sentence_chars) {
                e.sentence_chars = position(s, "TextPositionSelector", at + " hasSelector");
            } else if (kind == "DataPositionSelector" && !has_bytes) {
                e.sentence = position(s, "DataPositionSelector", at + " hasSelector");
                has_bytes = true;
            } else if (kind == "TextQuoteSelector" && !has_quote) {
                only(s, {"@type", "exact"}, at + " hasSelector");
                e.quote = string(s, "exact", at + " hasSelector");
                has_quote = true;
            } else {
                fail(at, selectors_are);
            }
        }
        if (!has_bytes || !has_quote) fail(at, selectors_are);
        if (target.HasMember("subjectPosition"))
            e.subject = position(target["subjectPosition"], "DataPositionSelector", at + " subjectPosition");
        if (target.HasMember("objectPosition"))
            e.object = position(target["objectPosition"], "DataPositionSelector", at + " objectPosition");
        return e;
    }

    // --- the graph ---

    KnowledgeGraph assemble() const {
        KnowledgeGraph graph;
        for (const auto& [key, e] : entities_) graph.add_or_merge(e);
        std::set<std::tuple<std::string, Predicate, std::string>> positive;
        for (const auto& [id, entry] : relations_) {
            const auto& [r, where] = entry;
            for (const auto* end : {&r.subject, &r.object})
                if (!entities_.count(*end))
                    fail(where, "'" + std::string(ld::kEntityPrefix) + *end + "' is not an entity node in @graph");
            if (!r.negated) positive.emplace(r.subject, r.predicate, r.object);
        }
        std::set<std::tuple<std::string, Predicate, std::string>> direct;
        for (const auto& [s, p, o, where] : edges_) {
            if (!positive.count({s, p, o}))
                fail(where, "the edge " + std::string(to_string(p)) + " to '" + std::string(ld::kEntityPrefix) + o +
                                "' has no Statement node; " + kHint);
            direct.emplace(s, p, o);
        }
        for (const auto& [id, entry] : relations_) {
            const auto& [r, where] = entry;
            if (!r.negated && !direct.count({r.subject, r.predicate, r.object}))
                fail(where, "the statement has no direct edge on its subject's node; " + std::string(kHint));
            graph.add_or_merge(r);
        }
        return graph;
    }

    std::string source_;
    std::map<std::string, Entity> entities_;
    std::map<std::string, std::pair<Relation, std::string>> relations_;  // by statement IRI
    std::set<std::tuple<std::string, Predicate, std::string, std::string>> edges_;
};

}  // namespace

KnowledgeGraph read_jsonld(std::istream& in, const std::string& source) { return Reader(source).read(in); }

}  // namespace dyad::exporters
