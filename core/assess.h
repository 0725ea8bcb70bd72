// The dyad assessment (`dyad assess A B`): every relation between two entities, sorted into
// cooperation, tension and context, the agreements, initiatives and organizations they share,
// the topics of each side, and a balance score with a one-line verdict. The method and the
// formula are documented in docs/assess.md; every number comes with the sentences behind it.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/query.h"

namespace dyad {

enum class Stance { Cooperation, Tension, Context };
std::string_view to_string(Stance s);

/// One line of the assessment: a direct relation between the two, or something they share.
struct AssessItem {
    Stance stance = Stance::Context;
    /// The predicate name for a direct relation ("alliedWith"); for the rest "shared agreement",
    /// "shared initiative", "shared organization", "shared event" or "divergence" (one is a party
    /// or member, the other is stated not to be).
    std::string kind;
    const Entity* shared = nullptr;          // the agreement, initiative, organization or event
    std::vector<const Relation*> relations;  // direct: the relation; shared: both memberships
    bool negated = false;                    // stated as not holding: shown, never counted
    bool contradicted = false;               // also stated the other way somewhere
    std::vector<std::string> topics;         // topic keys
    std::string time;                        // "historical", "current", a date, or ""
    std::string note;                        // why it is historical: "replaced by USMCA"
    std::string modality;                    // "may", "at times"...; "" when asserted outright
    std::size_t sentences = 0;               // distinct supporting sentences
    double weight = 0;                       // by kind (docs/assess.md)
    double factor = 0;                       // time and modality discounts
    double score = 0;                        // weight x factor x sentences; 0 when not counted
};

struct Assessment {
    const Entity* a = nullptr;
    const Entity* b = nullptr;
    std::vector<AssessItem> items;                // cooperation, then tension, then context; direct relations first
    std::vector<Conflict> contradictions;         // relations of the pair both asserted and negated
    std::vector<std::string> cooperation_topics;  // topic keys, highest score first (ties by name)
    std::vector<std::string> tension_topics;
    double cooperation = 0;  // sum of cooperation scores
    double tension = 0;      // sum of tension scores
    double balance = 0;      // (cooperation - tension) / (cooperation + tension), in [-1, +1]; 0 when both are 0
    std::string verdict;     // "close partners with frictions on immigration and trade"
};

/// @throws Error (Usage) when an entity is not in the graph or both are the same.
Assessment assess(const KnowledgeGraph& graph, const std::string& a, const std::string& b);

/// "alliedWith ..." for a direct relation (see describe(Relation)), "shared agreement: NAFTA
/// (agreement/nafta) [time: historical (replaced by USMCA)]" for the rest.
std::string describe(const AssessItem& item, const Workspace& ws);
/// "3 x 0.25 x 2 = 1.50": weight x factor x sentences = score.
std::string formula(const AssessItem& item);
/// "+0.70", "-0.25", "0.00".
std::string signed_balance(double balance);

/// The assessment as plain text or JSON, every score with its formula and sentences.
void write(const Assessment& assessment, const Workspace& ws, OutputFormat format, std::ostream& out);

}  // namespace dyad
