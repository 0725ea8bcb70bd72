// Leftmost-longest matching of token sequences (dictionary names) over folded tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/annotated_document.h"

namespace dyad::extractors {

/// What it represents: a trie whose edges are folded tokens; each node may end one or more
/// entries (payload ids chosen by the caller). One hash probe per token, no allocation per match.
/// Thread safety: immutable after construction; match() may run concurrently.
class TokenTrie {
public:
    TokenTrie();
    /// Adds the folded tokens of `phrase`; returns false when the phrase has no tokens.
    bool insert(std::string_view phrase, std::uint32_t payload);
    /// Calls f(end_token, payloads) for every entry that matches tokens [start, end) with
    /// end <= limit, longest first.
    template <class F>
    void match(const AnnotatedDocument& doc, std::uint32_t start, std::uint32_t limit, F&& f) const {
        std::uint32_t node = 0;
        std::uint32_t ends[32];
        std::uint32_t nodes[32];
        std::size_t found = 0;
        for (auto i = start; i < limit && i - start < 32; ++i) {
            node = child(node, doc.ftext(i), doc.fhash[i]);
            if (node == kNone) break;
            if (!nodes_[node].payloads.empty()) {
                ends[found] = i + 1;
                nodes[found] = node;
                ++found;
            }
        }
        while (found > 0) {
            --found;
            f(ends[found], nodes_[nodes[found]].payloads);
        }
    }
    /// True when some entry starts with token i (a quick test before match()).
    bool starts_at(const AnnotatedDocument& doc, std::uint32_t i) const {
        return child(0, doc.ftext(i), doc.fhash[i]) != kNone;
    }
    std::size_t size() const { return nodes_.size(); }

private:
    static constexpr std::uint32_t kNone = 0xffffffffu;
    struct Node {
        std::string label;  // the token on the edge into this node
        std::vector<std::uint32_t> payloads;
    };
    /// An edge of the open-addressing table; child == kNone marks an empty slot.
    struct Edge {
        std::uint64_t key = 0;  // edge_key(parent, token_hash)
        std::uint32_t parent = 0;
        std::uint32_t child = kNone;
    };
    /// `hash` is token_hash(token). Every document token is looked up in several tries, and most
    /// lookups miss: a flat table with linear probing answers a miss with one or two slot reads.
    std::uint32_t child(std::uint32_t node, std::string_view token, std::uint64_t hash) const {
        // Most document tokens start no entry: a small bit set of first tokens, which stays in
        // the cache, answers them without a probe into the (larger) table.
        if (node == 0 && !((first_tokens_[(hash >> 6) & kFirstMask] >> (hash & 63)) & 1)) return kNone;
        const auto key = edge_key(node, hash);
        for (auto i = key & mask_;; i = (i + 1) & mask_) {
            const Edge& e = edges_[i];
            if (e.child == kNone) return kNone;
            if (e.key == key && e.parent == node) return nodes_[e.child].label == token ? e.child : kNone;
        }
    }
    static std::uint64_t edge_key(std::uint32_t node, std::uint64_t token_hash) {
        return token_hash ^ ((static_cast<std::uint64_t>(node) + 1) * 0x9E3779B97F4A7C15ull);
    }
    /// False when (parent, key) has an edge already: two tokens with one hash under one node.
    bool add_edge(std::uint32_t parent, std::uint64_t key, std::uint32_t child);
    static constexpr std::uint64_t kFirstMask = 1023;  // 1024 words: 64 Kbit, 8 KB
    std::vector<std::uint64_t> first_tokens_;          // bit (hash & 65535) of every first token
    std::vector<Node> nodes_;
    std::vector<Edge> edges_;  // a power of two in size, at most a quarter full
    std::uint64_t mask_ = 0;
    std::size_t edge_count_ = 0;
};

/// How the capitalization of a dictionary phrase constrains the text: per token,
/// 0 any case, 1 capitalized, 2 all capitals.
std::vector<std::uint8_t> case_profile(std::string_view phrase);
/// True when the tokens [first, first + profile.size()) satisfy the profile.
bool case_matches(const AnnotatedDocument& doc, std::uint32_t first, const std::vector<std::uint8_t>& profile);

}  // namespace dyad::extractors
