// Decoding: encoding detection, transcoding to UTF-8 with an offset map, binary detection.
#include "core/decode.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/error.h"

namespace dyad {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// One step of UTF-8 decoding (Unicode 15, table 3-7). Returns n > 0 for a well-formed sequence of
// n bytes (its code point in `cp`), or -n for a maximal invalid subpart of n bytes.
int utf8_step(const unsigned char* p, std::size_t avail, char32_t& cp) {
    const unsigned c = p[0];
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    int need = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c == 0xE0) {
        need = 2;
        lo = 0xA0;
        cp = c & 0x0F;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        need = 2;
        cp = c & 0x0F;
    } else if (c == 0xED) {
        need = 2;
        hi = 0x9F;  // no surrogates
        cp = c & 0x0F;
    } else if (c == 0xF0) {
        need = 3;
        lo = 0x90;
        cp = c & 0x07;
    } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
        cp = c & 0x07;
    } else if (c == 0xF4) {
        need = 3;
        hi = 0x8F;  // nothing above U+10FFFF
        cp = c & 0x07;
    } else {
        return -1;
    }
    for (int k = 1; k <= need; ++k) {
        if (static_cast<std::size_t>(k) >= avail) return -k;
        const unsigned b = p[k];
        if (b < lo || b > hi) return -k;
        lo = 0x80;
        hi = 0xBF;
        cp = (cp << 6) | (b & 0x3F);
    }
    return need + 1;
}

std::uint32_t encode_utf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
        return 1;
    }
    if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        return 2;
    }
    if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        return 3;
    }
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    return 4;
}

// Windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 controls (as WHATWG does).
constexpr std::array<char16_t, 32> kCp1252High = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

struct Utf8Scan {
    std::size_t invalid = 0;    // maximal invalid subparts
    std::size_t multibyte = 0;  // well-formed sequences of two bytes or more
};

Utf8Scan scan_utf8(std::string_view text) {
    Utf8Scan s;
    const auto* p = bytes_of(text);
    const auto n = text.size();
    std::size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const int step = utf8_step(p + i, n - i, cp);
        if (step > 0) {
            ++s.multibyte;
            i += static_cast<std::size_t>(step);
        } else {
            ++s.invalid;
            i += static_cast<std::size_t>(-step);
        }
    }
    return s;
}

[[noreturn]] void binary(const std::string& source, const std::string& why) {
    throw input_error(source, "binary file (" + why + "); convert it to UTF-8 text first");
}

// NUL bytes in mostly one parity of position: UTF-16 text that lost (or never had) its BOM.
bool looks_like_utf16(std::string_view bytes) {
    const auto n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    if (n < 4) return false;
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        even += bytes[i] == '\0';
        odd += bytes[i + 1] == '\0';
    }
    const auto half = n / 2;
    return (odd * 10 >= half * 4 && even * 10 < half) || (even * 10 >= half * 4 && odd * 10 < half);
}

// Text made mostly of C0 control characters (other than tab, line breaks, form feed, escape) is
// not prose; the first 64 KiB decide.
void refuse_control_soup(std::string_view text, const std::string& source) {
    const auto n = std::min<std::size_t>(text.size(), 64 * 1024);
    std::size_t controls = 0, chars = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte is not a character
        ++chars;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B) || c == 0x7F)
            ++controls;
    }
    if (controls >= 8 && controls * 16 > chars)
        binary(source,
               std::to_string(controls) + " control characters in its first " + std::to_string(chars) + " characters");
}

void check_size(std::size_t n, const std::string& source) {
    if (n >= 0xFFFFFFF0u) throw input_error(source, "decoded text is over 4 GiB; split the file");
}

DecodedText decode_utf16(std::string_view bytes, bool little, const std::string& source) {
    DecodedText d;
    d.encoding = little ? Encoding::Utf16LE : Encoding::Utf16BE;
    d.bom = true;
    d.transcoded = true;
    d.text.reserve(bytes.size() / 2 + 16);
    d.map.start_at(2);
    const auto* p = bytes_of(bytes);
    const auto n = bytes.size();
    auto unit = [&](std::size_t i) -> char32_t {
        return little ? static_cast<char32_t>(p[i] | (p[i + 1] << 8)) : static_cast<char32_t>((p[i] << 8) | p[i + 1]);
    };
    std::size_t i = 2;
    while (i + 1 < n) {
        char32_t cp = unit(i);
        std::uint32_t len = 2;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < n && unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
            len = 4;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = kReplacement;  // an unpaired surrogate
            ++d.replaced;
        } else if (cp == 0) {
            binary(source, "UTF-16 text with NUL characters");
        }
        d.map.append(encode_utf8(cp, d.text), len);
        i += len;
    }
    if (i < n) {  // an odd trailing byte
        d.map.append(encode_utf8(kReplacement, d.text), 1);
        ++d.replaced;
    }
    check_size(d.text.size(), source);
    return d;
}

DecodedText repair_utf8(std::string_view bytes, bool bom, const std::string& source) {
    DecodedText d;
    d.encoding = Encoding::Utf8;
    d.bom = bom;
    d.transcoded = true;
    d.text.reserve(bytes.size() + 64);
    const std::size_t start = bom ? 3 : 0;
    d.map.start_at(static_cast<std::uint32_t>(start));
    const auto* p = bytes_of(bytes);
    const auto n = bytes.size();
    std::size_t i = start;
    while (i < n) {
        char32_t cp = 0;
        const int step = utf8_step(p + i, n - i, cp);
        if (step > 0) {
            d.text.append(bytes.substr(i, static_cast<std::size_t>(step)));
            d.map.append_same(static_cast<std::uint32_t>(step));
            i += static_cast<std::size_t>(step);
        } else {
            d.map.append(encode_utf8(kReplacement, d.text), static_cast<std::uint32_t>(-step));
            ++d.replaced;
            i += static_cast<std::size_t>(-step);
        }
    }
    check_size(d.text.size(), source);
    return d;
}

DecodedText decode_cp1252(std::string_view bytes, bool bom, const std::string& source) {
    DecodedText d;
    d.encoding = Encoding::Windows1252;
    d.bom = bom;
    d.transcoded = true;
    d.text.reserve(bytes.size() + bytes.size() / 8);
    const std::size_t start = bom ? 3 : 0;
    d.map.start_at(static_cast<std::uint32_t>(start));
    for (std::size_t i = start; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        const char32_t cp = c >= 0x80 && c <= 0x9F ? kCp1252High[c - 0x80] : c;
        d.map.append(encode_utf8(cp, d.text), 1);
    }
    check_size(d.text.size(), source);
    return d;
}

}  // namespace

std::string_view to_string(Encoding e) {
    switch (e) {
    case Encoding::Utf8: return "UTF-8";
    case Encoding::Utf16LE: return "UTF-16LE";
    case Encoding::Utf16BE: return "UTF-16BE";
    case Encoding::Windows1252: return "Windows-1252";
    }
    return "?";
}

void OffsetMap::start_at(std::uint32_t source) {
    DYAD_ASSERT(runs_.empty() && dend_ == 0, "start_at after append");
    source_start_ = source;
    send_ = source;
}

void OffsetMap::append(std::uint32_t derived, std::uint32_t source) {
    DYAD_ASSERT(derived > 0, "a unit of the derived text has at least one byte");
    if (runs_.empty() || runs_.back().dstep != derived || runs_.back().sstep != source)
        runs_.push_back({dend_, send_, derived, source});
    dend_ += derived;
    send_ += source;
}

void OffsetMap::append_same(std::uint32_t n) {
    if (n == 0) return;
    if (runs_.empty() || runs_.back().dstep != 1 || runs_.back().sstep != 1) runs_.push_back({dend_, send_, 1, 1});
    dend_ += n;
    send_ += n;
}

std::uint32_t OffsetMap::to_source(std::uint32_t derived) const {
    if (runs_.empty()) return source_start_ + derived;
    if (derived >= dend_) return send_;
    auto it = std::upper_bound(runs_.begin(), runs_.end(), derived,
                               [](std::uint32_t d, const Run& r) { return d < r.derived; });
    --it;  // the first run starts at 0, so `it` was not begin()
    const auto delta = derived - it->derived;
    const auto k = delta / it->dstep;
    const auto rest = delta % it->dstep;
    return it->source + k * it->sstep + (rest ? it->sstep : 0);
}

DecodedText decode_text(std::string_view bytes, const std::string& source) {
    if (bytes.empty()) throw input_error(source, "empty file, nothing to extract");
    if (starts_with(bytes, std::string_view("\xFF\xFE\0\0", 4)) ||
        starts_with(bytes, std::string_view("\0\0\xFE\xFF", 4)))
        throw input_error(source, "UTF-32 text is not supported; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)");
    DecodedText d;
    if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
        d = decode_utf16(bytes, bytes[0] == '\xFF', source);
    } else {
        if (std::memchr(bytes.data(), '\0', bytes.size()))
            binary(source, looks_like_utf16(bytes)
                               ? "NUL bytes; it looks like UTF-16 without a byte order mark: save it as UTF-8"
                               : "contains NUL bytes");
        const bool bom = starts_with(bytes, "\xEF\xBB\xBF");
        const auto scan = scan_utf8(bytes);
        if (scan.invalid == 0) {
            d.bom = bom;
            check_size(bytes.size(), source);
        } else if (scan.multibyte >= scan.invalid) {
            d = repair_utf8(bytes, bom, source);
        } else {
            d = decode_cp1252(bytes, bom, source);
        }
    }
    const std::string_view text = d.transcoded ? std::string_view(d.text) : bytes.substr(d.bom ? 3 : 0);
    if (text.empty()) throw input_error(source, "empty file (only a byte order mark), nothing to extract");
    refuse_control_soup(text, source);
    return d;
}

namespace {
std::uint32_t lead_bytes(std::string_view s) {
    std::uint32_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}
}  // namespace

CodePointIndex::CodePointIndex(std::string_view text) : text_(text) {
    checkpoints_.reserve(text.size() / kStep + 1);
    std::uint32_t n = 0;
    for (std::size_t at = 0; at <= text.size(); at += kStep) {
        checkpoints_.push_back(n);
        n += lead_bytes(text.substr(at, kStep));
    }
    one_byte_each_ = n == text.size();
    if (one_byte_each_) checkpoints_.clear();
}

std::uint32_t CodePointIndex::count(std::uint32_t byte_offset) const {
    const auto end = std::min<std::size_t>(byte_offset, text_.size());
    if (one_byte_each_) return static_cast<std::uint32_t>(end);
    const auto k = end / kStep;
    return checkpoints_[k] + lead_bytes(text_.substr(k * kStep, end - k * kStep));
}

bool is_valid_utf8(std::string_view text) { return scan_utf8(text).invalid == 0; }

std::string to_valid_utf8(std::string_view text) {
    if (is_valid_utf8(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 16);
    const auto* p = bytes_of(text);
    const auto n = text.size();
    std::size_t i = 0;
    while (i < n) {
        char32_t cp = 0;
        const int step = utf8_step(p + i, n - i, cp);
        if (step > 0) {
            out.append(text.substr(i, static_cast<std::size_t>(step)));
            i += static_cast<std::size_t>(step);
        } else {
            encode_utf8(kReplacement, out);
            i += static_cast<std::size_t>(-step);
        }
    }
    return out;
}

}  // namespace dyad
