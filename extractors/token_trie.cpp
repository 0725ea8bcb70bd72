// TokenTrie: hashed edges keyed by (parent node, token).
#include "extractors/token_trie.h"

#include "core/error.h"
#include "core/text.h"

namespace dyad::extractors {

TokenTrie::TokenTrie() : first_tokens_(kFirstMask + 1, 0), edges_(16), mask_(15) { nodes_.push_back({}); }

bool TokenTrie::add_edge(std::uint32_t parent, std::uint64_t key, std::uint32_t child) {
    if ((edge_count_ + 1) * 4 > edges_.size()) {  // grow: rehash every edge into twice the slots
        std::vector<Edge> old(edges_.size() * 2);
        old.swap(edges_);
        mask_ = edges_.size() - 1;
        edge_count_ = 0;
        for (const auto& e : old)
            if (e.child != kNone) add_edge(e.parent, e.key, e.child);
    }
    auto i = key & mask_;
    while (edges_[i].child != kNone) {
        if (edges_[i].key == key && edges_[i].parent == parent) return false;
        i = (i + 1) & mask_;
    }
    edges_[i] = {key, parent, child};
    ++edge_count_;
    return true;
}

bool TokenTrie::insert(std::string_view phrase, std::uint32_t payload) {
    std::string folded;
    std::vector<Token> tokens;
    tokenize(phrase, folded, tokens);
    if (tokens.empty()) return false;
    std::uint32_t node = 0;
    for (const auto& t : tokens) {
        std::string_view label(folded.data() + t.fbegin, t.fend - t.fbegin);
        const auto hash = token_hash(label);
        if (node == 0) first_tokens_[(hash >> 6) & kFirstMask] |= std::uint64_t{1} << (hash & 63);
        auto next = child(node, label, hash);
        if (next == kNone) {
            next = static_cast<std::uint32_t>(nodes_.size());
            nodes_.push_back({std::string(label), {}});
            if (!add_edge(node, edge_key(node, hash), next))
                throw Error(ErrorKind::Internal, "token trie: hash collision on '" + std::string(phrase) + "'");
        }
        node = next;
    }
    auto& p = nodes_[node].payloads;
    for (auto x : p)
        if (x == payload) return true;
    p.push_back(payload);
    return true;
}

std::vector<std::uint8_t> case_profile(std::string_view phrase) {
    std::string folded;
    std::vector<Token> tokens;
    tokenize(phrase, folded, tokens);
    std::vector<std::uint8_t> profile;
    profile.reserve(tokens.size());
    for (const auto& t : tokens) {
        if (t.has(kAllCaps)) profile.push_back(2);
        else if (t.has(kCapitalized)) profile.push_back(1);
        else profile.push_back(0);
    }
    return profile;
}

bool case_matches(const AnnotatedDocument& doc, std::uint32_t first, const std::vector<std::uint8_t>& profile) {
    for (std::size_t k = 0; k < profile.size(); ++k) {
        const auto& t = doc.tokens[first + k];
        if (profile[k] == 2 && !t.has(kAllCaps)) return false;
        if (profile[k] == 1 && !t.has(kCapitalized)) return false;
    }
    return true;
}

}  // namespace dyad::extractors
