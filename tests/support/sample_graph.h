// A small hand-built graph about North America and the Pacific Alliance, for tests that need exact
// control over entities, relations and evidence (query, analysis, assess, diff, exporters).
#pragma once

#include "core/graph.h"

namespace dyad::tests {

/// Entities: Mexico, United States (alternate names "U.S.", "US"), Canada, Chile, Peru, Georgia
/// (a Country and a Place), Mérida Initiative, NAFTA (replaced by USMCA), USMCA, Pacific
/// Alliance, and the topics security, trade, immigration.
/// Relations (documents d1, d2, d3):
///   Mexico cooperatesWith United States [security; via Mérida Initiative]  d1@0, d2@0
///   Mexico alliedWith United States  d1@100;  Mexico NOT alliedWith United States  d3@0
///   Mexico tradingPartnerOf United States [trade]  d2@100
///   Mexico inDisputeWith United States [immigration, trade]  d2@200
///   Mexico, United States partyTo Mérida Initiative  d1@0
///   Mexico, United States, Canada partyTo NAFTA  d1@300;  NAFTA replacedBy USMCA  d1@400
///   Mexico, United States, Canada partyTo USMCA  d1@400
///   Chile, Peru, Mexico memberOf Pacific Alliance  d3@100
///   Chile inDisputeWith Peru [historical]  d3@200;  Chile sharesBorderWith Peru  d3@300
KnowledgeGraph sample_graph();

/// Adds one relation with one piece of evidence (quote, document, sentence offset).
void relate(KnowledgeGraph& g, const std::string& subject, Predicate p, const std::string& object,
            const std::string& doc, std::uint32_t at, const std::string& quote, bool negated = false,
            Qualifiers qualifiers = {});

}  // namespace dyad::tests
