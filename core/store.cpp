// Store: SQLiteCpp behind a pimpl; SQLite errors become dyad::Error (Storage) here and only here.
#include "core/store.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <thread>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/pipeline.h"
#include "core/store_schema.h"

namespace dyad {

namespace {

// An I/O error with a full disk or a file size limit (ulimit -f) in force is taken for "full":
// SQLite's last OS error is not reliable by the time the error reaches us.
bool looks_full(const std::filesystem::path& db, int sys_errno) {
    if (sys_errno == ENOSPC || sys_errno == EFBIG || sys_errno == EDQUOT) return true;
    rlimit limit{};
    if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) return true;
    struct statvfs fs {};
    const auto folder = db.has_parent_path() ? db.parent_path() : std::filesystem::path(".");
    return ::statvfs(folder.c_str(), &fs) == 0 && fs.f_bavail * fs.f_frsize < (4u << 20);
}

// The hint that turns an SQLite failure into "what to do".
std::string hint(int code, int extended, bool full, int busy_timeout_ms) {
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "another process is writing to the database (waited " + std::to_string(busy_timeout_ms) +
               " ms): let it finish and run again, or raise --busy-timeout";
    case SQLITE_READONLY:
        if (extended == SQLITE_READONLY_DIRECTORY)
            return "its folder is read-only (SQLite needs to create files beside it): pass a --db in a "
                   "writable folder";
        return "the file or its folder is read-only: make it writable or pass another --db";
    case SQLITE_FULL: return "the disk is full: free space and run again (nothing was half-written)";
    case SQLITE_IOERR:
        if (full)
            return "the disk is full or a file size limit was reached: free space and run again (nothing was "
                   "half-written)";
        return "the disk reported an I/O error (is it full?): check it and run again";
    case SQLITE_CORRUPT: return "the database is damaged: restore it from a backup or extract into a new --db";
    case SQLITE_NOTADB: return "this file is not a dyad database (pass another --db)";
    case SQLITE_CANTOPEN: return "check that the folder exists and is writable";
    default: return "";
    }
}

// "file:PATH?immutable=1": reads a database in a read-only folder, where SQLite cannot create
// the WAL index file beside it.
std::string immutable_uri(const std::filesystem::path& path) {
    std::string uri = "file:";
    for (const char c : std::filesystem::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            uri += buf;
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

bool has_column(SQLite::Database& db, const char* table, const char* column) {
    SQLite::Statement q(db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
    q.bind(1, table);
    q.bind(2, column);
    return q.executeStep();
}

// Brings a database at version `from` (1 <= from < kSchemaVersion) to kSchemaVersion, inside the
// caller's transaction. A step tolerates a column that is already there (a file whose
// user_version was set back by hand).
void migrate(SQLite::Database& db, int from) {
    if (from < 2) {
        for (const char* column : {"sentence_char_begin", "sentence_char_end"})
            if (!has_column(db, "evidence", column))
                db.exec(std::string("ALTER TABLE evidence ADD COLUMN ") + column + " INTEGER");
    }
    if (from < 3) db.exec("DROP INDEX IF EXISTS mentions_by_entity");
    // 3 -> 4 changes nothing in an existing file: its mentions keep their key (store_schema.h).
}

}  // namespace

struct Store::Impl {
    std::filesystem::path path;
    int busy_timeout_ms;
    int version = kSchemaVersion;  // of the file: a read-only open reads an older one as it is
    SQLite::Database db;
    // Prepared once, reused for every document (declared after `db`, so destroyed before it).
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements;
    // Entity and alias rows this connection has committed (rows are never deleted): the same
    // INSERT OR IGNORE is not run again for every document that names "China". Rows of the open
    // transaction wait in `pending_rows` and join `committed_rows` only once it commits.
    std::unordered_set<std::string> committed_rows;
    std::vector<std::string> pending_rows;
    Impl(const std::filesystem::path& p, const std::string& name, int flags, int busy)
        : path(p), busy_timeout_ms(busy), db(name, flags, busy) {}

    /// The cached statement for this SQL text (a string literal), reset and unbound.
    SQLite::Statement& stmt(const char* sql) {
        auto& s = statements[sql];
        if (!s) s = std::make_unique<SQLite::Statement>(db, sql);
        s->reset();
        s->clearBindings();
        return *s;
    }

    [[noreturn]] void fail(const SQLite::Exception& e, const std::string& doing) const {
        const bool full = e.getErrorCode() == SQLITE_IOERR && looks_full(path, sqlite3_system_errno(db.getHandle()));
        auto h = hint(e.getErrorCode(), e.getExtendedErrorCode(), full, busy_timeout_ms);
        throw Error(ErrorKind::Storage,
                    path.string() + ": " + doing + " failed: " + e.what() + (h.empty() ? "" : "; " + h));
    }

    // Runs `body(tx)` in an IMMEDIATE transaction; `body` commits. On an SQLite error the
    // transaction rolls back, after the error has been read (the OS error must still be the
    // last one: a full disk and a failing one look alike otherwise).
    template <class Body>
    auto write_transaction(const std::string& doing, Body&& body) {
        pending_rows.clear();
        evidence_rows.rows.clear();
        mention_rows.rows.clear();
        held.clear();
        try {
            SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
            try {
                // `body` commits, or returns before writing anything
                if constexpr (std::is_void_v<decltype(body(tx))>) {
                    body(tx);
                    keep_pending_rows();
                } else {
                    auto result = body(tx);
                    keep_pending_rows();
                    return result;
                }
            } catch (const SQLite::Exception& e) {
                pending_rows.clear();
                fail(e, doing);
            } catch (...) {
                pending_rows.clear();
                throw;
            }
        } catch (const SQLite::Exception& e) {
            pending_rows.clear();
            fail(e, doing);
        }
    }

    /// One document's rows, inside the caller's transaction; false when it is already stored.
    bool add_document(const ExtractionResult& result);

    bool document_stored(const std::string& id) {
        auto& q = stmt("SELECT 1 FROM documents WHERE id = ?");
        q.bind(1, id);
        const bool found = q.executeStep();
        q.reset();  // no cursor left open between documents
        return found;
    }

    // The set is a cache, not a record: past this many rows (about 20 MB) it starts again, so
    // memory stays bounded on any corpus; a row forgotten is written again with INSERT OR IGNORE.
    static constexpr std::size_t kCommittedRowsKept = 200000;

    void keep_pending_rows() {
        if (committed_rows.size() + pending_rows.size() > kCommittedRowsKept) committed_rows.clear();
        for (auto& row : pending_rows) committed_rows.insert(std::move(row));
        pending_rows.clear();
    }

    // True when this row (entity or alias, as one string) is already committed; otherwise it is
    // remembered as pending and the caller writes it.
    bool known_row(std::initializer_list<std::string_view> parts) {
        row_key.clear();  // reused: a row seen before costs no allocation
        for (const auto part : parts) (row_key += part) += '\0';
        if (committed_rows.count(row_key)) return true;
        pending_rows.push_back(row_key);
        return false;
    }
    std::string row_key;

    void upsert_entity(const Entity& e) {
        // INSERT OR IGNORE keeps the first row of a key: once committed, writing it again changes nothing.
        if (!known_row({"e", e.key})) {
            auto& ins = stmt("INSERT OR IGNORE INTO entities(key, type, name) VALUES (?, ?, ?)");
            ins.bind(1, e.key);
            ins.bind(2, std::string(to_string(e.type)));
            ins.bind(3, e.name);
            ins.exec();
        }
        auto& alias = stmt("INSERT OR IGNORE INTO aliases(entity, kind, value) VALUES (?, ?, ?)");
        auto add = [&](const char* kind, const std::string& value) {
            if (known_row({"a", e.key, kind, value})) return;
            alias.bind(1, e.key);
            alias.bind(2, kind);
            alias.bind(3, value);
            alias.exec();
            alias.reset();
        };
        for (const auto& a : e.alt_names)
            if (a != e.name) add("name", a);
        for (const auto& s : e.same_as) add("sameAs", s);
    }

    /// `qualifier_rows`, when given, receives the number of qualifier rows read.
    Relation read_relation(std::int64_t id, SQLite::Statement& row, bool with_evidence = true,
                           std::size_t* qualifier_rows = nullptr) {
        Relation r;
        r.subject = row.getColumn(1).getString();
        const auto predicate = parse_predicate(row.getColumn(2).getString());
        if (!predicate)
            throw Error(ErrorKind::Storage,
                        path.string() + ": unknown predicate '" + row.getColumn(2).getString() + "' in relations");
        r.predicate = *predicate;
        r.object = row.getColumn(3).getString();
        r.negated = row.getColumn(4).getInt() != 0;
        r.confidence = static_cast<float>(row.getColumn(5).getDouble());
        auto& q = stmt(
            "SELECT kind, value, number, unit, hedge FROM qualifiers WHERE relation = ? "
            "ORDER BY kind, value");
        q.bind(1, static_cast<std::int64_t>(id));
        while (q.executeStep()) {
            if (qualifier_rows) ++*qualifier_rows;
            const std::string kind = q.getColumn(0).getString();
            std::string value = q.getColumn(1).getString();
            if (kind == "topic") r.qualifiers.topics.push_back(value);
            else if (kind == "vehicle") r.qualifiers.vehicles.push_back(value);
            else if (kind == "time") r.qualifiers.time = value;
            else if (kind == "modality") r.qualifiers.modality = value;
            else if (kind == "quantity")
                r.qualifiers.quantity =
                    Quantity{q.getColumn(2).getDouble(), q.getColumn(3).getString(), q.getColumn(4).getString(), value};
        }
        if (!with_evidence) return r;  // merging needs the qualifiers only, not every sentence
        // Schema 1 has no code points (a read-only open does not migrate).
        auto& ev = version >= 2 ? stmt(
                                      "SELECT doc, sentence_begin, sentence_end, subject_begin, subject_end, "
                                      "object_begin, object_end, quote, rule, sentence_char_begin, "
                                      "sentence_char_end FROM evidence WHERE relation = ? "
                                      "ORDER BY doc, sentence_begin, subject_begin, object_begin, rule")
                                : stmt(
                                      "SELECT doc, sentence_begin, sentence_end, subject_begin, subject_end, "
                                      "object_begin, object_end, quote, rule, NULL, NULL FROM evidence "
                                      "WHERE relation = ? "
                                      "ORDER BY doc, sentence_begin, subject_begin, object_begin, rule");
        ev.bind(1, static_cast<std::int64_t>(id));
        while (ev.executeStep()) {
            Evidence e;
            e.doc_id = ev.getColumn(0).getString();
            auto u = [&](int c) { return static_cast<std::uint32_t>(ev.getColumn(c).getInt64()); };
            e.sentence = {u(1), u(2)};
            e.subject = {u(3), u(4)};
            e.object = {u(5), u(6)};
            e.quote = ev.getColumn(7).getString();
            e.rule = ev.getColumn(8).getString();
            if (!ev.getColumn(9).isNull() && !ev.getColumn(10).isNull()) e.sentence_chars = Span{u(9), u(10)};
            r.evidence.push_back(std::move(e));
        }
        return r;
    }

    void write_qualifiers(std::int64_t id, const Relation& r) {
        auto& del = stmt("DELETE FROM qualifiers WHERE relation = ?");
        del.bind(1, static_cast<std::int64_t>(id));
        del.exec();
        auto& ins = stmt(
            "INSERT OR IGNORE INTO qualifiers(relation, kind, value, number, unit, hedge) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        auto add = [&](const char* kind, const std::string& value) {
            ins.bind(1, static_cast<std::int64_t>(id));
            ins.bind(2, kind);
            ins.bind(3, value);
            ins.bind(4);
            ins.bind(5);
            ins.bind(6);
            ins.exec();
            ins.reset();
        };
        for (const auto& t : r.qualifiers.topics) add("topic", t);
        for (const auto& v : r.qualifiers.vehicles) add("vehicle", v);
        if (!r.qualifiers.time.empty()) add("time", r.qualifiers.time);
        if (!r.qualifiers.modality.empty()) add("modality", r.qualifiers.modality);
        if (const auto& q = r.qualifiers.quantity) {
            ins.bind(1, static_cast<std::int64_t>(id));
            ins.bind(2, "quantity");
            ins.bind(3, q->text);
            ins.bind(4, q->value);
            ins.bind(5, q->unit);
            ins.bind(6, q->hedge);
            ins.exec();
            ins.reset();
        }
    }

    // A relation's row as the open transaction sees it: its qualifiers and confidence are merged
    // here, document after document, and written once when the transaction commits. A batch of
    // 512 documents that all say "Mexico borders the United States" reads and rewrites that
    // relation once, not 512 times; the merge steps are the same, in the same order.
    struct HeldRelation {
        std::int64_t id = 0;
        Relation merged;              // qualifiers and confidence only
        Qualifiers stored;            // as in the table when first read (empty for a new row)
        std::size_t stored_rows = 0;  // qualifier rows in the table
        float stored_confidence = 0;
        bool fresh = false;  // inserted by this transaction
    };
    std::map<std::tuple<std::string, Predicate, std::string, bool>, HeldRelation> held;

    void write_held_relations() {
        for (auto& [key, h] : held) {
            if (h.merged.confidence != h.stored_confidence) {
                auto& upd = stmt("UPDATE relations SET confidence = ? WHERE id = ?");
                upd.bind(1, static_cast<double>(h.merged.confidence));
                upd.bind(2, static_cast<std::int64_t>(h.id));
                upd.exec();
            }
            // Qualifiers that did not change are not deleted and written again: most documents
            // only add evidence to a relation seen before.
            const auto& q = h.stored;
            const auto rows = q.topics.size() + q.vehicles.size() + (q.time.empty() ? 0 : 1) +
                              (q.modality.empty() ? 0 : 1) + (q.quantity ? 1 : 0);
            if (h.fresh || h.merged.qualifiers != q || h.stored_rows != rows) write_qualifiers(h.id, h.merged);
        }
        held.clear();
    }

    /// Commits the caller's transaction, with the relations it holds written first.
    void commit(SQLite::Transaction& tx) {
        flush_rows();
        write_held_relations();
        tx.commit();
    }

    // Parameters 1 to 4: a relation's key (subject, predicate, object, negated).
    static void bind_key(SQLite::Statement& q, const Relation& r) {
        q.bind(1, r.subject);
        q.bind(2, std::string(to_string(r.predicate)));
        q.bind(3, r.object);
        q.bind(4, r.negated ? 1 : 0);
    }

    void upsert_relation(const Relation& r) {
        auto key = std::make_tuple(r.subject, r.predicate, r.object, r.negated);
        auto it = held.find(key);
        bool merge = true;  // false for a row this statement creates: nothing to merge into
        if (it == held.end()) {
            auto& find = stmt(
                "SELECT id, subject, predicate, object, negated, confidence FROM relations "
                "WHERE subject = ? AND predicate = ? AND object = ? AND negated = ?");
            bind_key(find, r);
            HeldRelation h;
            if (find.executeStep()) {
                h.id = find.getColumn(0).getInt64();
                h.merged = read_relation(h.id, find, false, &h.stored_rows);
                find.reset();
                h.stored = h.merged.qualifiers;
                h.stored_confidence = h.merged.confidence;
            } else {
                // A new relation gets its row (and id) now, so ids follow the order relations are
                // first seen; it starts as this statement, with nothing to merge into.
                auto& ins = stmt(
                    "INSERT INTO relations(subject, predicate, object, negated, confidence) "
                    "VALUES (?, ?, ?, ?, ?)");
                bind_key(ins, r);
                ins.bind(5, static_cast<double>(r.confidence));
                ins.exec();
                h.id = db.getLastInsertRowid();
                h.fresh = true;
                h.merged.confidence = h.stored_confidence = r.confidence;
                h.merged.qualifiers = r.qualifiers;
            }
            merge = !h.fresh;
            it = held.emplace(std::move(key), std::move(h)).first;
        }
        if (merge) {
            // Qualifiers and confidence merge here; evidence goes straight to its table, so neither
            // side's evidence is loaded or copied: a relation seen in thousands of sentences costs
            // no more to update than one seen once.
            auto& merged = it->second.merged;
            Relation head;
            head.subject = r.subject;
            head.predicate = r.predicate;
            head.object = r.object;
            head.negated = r.negated;
            head.qualifiers = r.qualifiers;
            head.confidence = r.confidence;
            merge_relation(merged, head);
            // merge_relation's rule that needs the evidence: an unhedged statement outweighs a hedged one
            if (r.qualifiers.modality.empty() && !r.evidence.empty()) merged.qualifiers.modality.clear();
        }
        const std::int64_t id = it->second.id;
        // Evidence has no unique key (schema 4): a document is written once, so only a graph
        // merged in (import) can bring a row a relation already has; then it is looked for.
        std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::uint32_t, std::string>> stored;
        if (skip_stored_evidence && !it->second.fresh) {
            auto& q =
                stmt("SELECT doc, sentence_begin, subject_begin, object_begin, rule FROM evidence WHERE relation = ?");
            q.bind(1, id);
            auto u = [&](int c) { return static_cast<std::uint32_t>(q.getColumn(c).getInt64()); };
            while (q.executeStep())
                stored.emplace(q.getColumn(0).getString(), u(1), u(2), u(3), q.getColumn(4).getString());
        }
        for (const auto& e : r.evidence)
            if (stored.empty() ||
                !stored.count(std::make_tuple(e.doc_id, e.sentence.begin, e.subject.begin, e.object.begin, e.rule)))
                evidence_rows.add(*this, {id, &e});
    }
    bool skip_stored_evidence = false;  // set while save_graph merges a graph in

    // Rows of one table waiting to be written kRows at a time through one multi-row INSERT (one
    // statement per row cost more than the rows); the rest go when the transaction commits. A row
    // points into the caller's results, which must outlive flush().
    template <class Row, int Columns>
    struct RowQueue {
        static constexpr std::size_t kRows = 64;
        using Bind = void (*)(SQLite::Statement&, int first_column, const Row&);
        RowQueue(const char* insert_sql, Bind bind_row) : insert(insert_sql), bind(bind_row) {}
        const char* insert;  // "INSERT OR IGNORE INTO t(c1, ...) VALUES ", without the rows
        Bind bind;
        std::vector<Row> rows;

        void add(Impl& store, Row row) {
            rows.push_back(row);
            if (rows.size() == kRows) flush(store);
        }
        void flush(Impl& store) {
            if (rows.empty()) return;
            if (many.empty()) {
                std::string values = "(?";
                for (int c = 1; c < Columns; ++c) values += ", ?";
                values += ")";
                single = insert + values;
                many = insert + values;
                for (std::size_t i = 1; i < kRows; ++i) many += ", " + values;
            }
            const bool full = rows.size() == kRows;
            auto& q = store.stmt(full ? many.c_str() : single.c_str());
            if (full) {
                for (std::size_t i = 0; i < kRows; ++i) bind(q, static_cast<int>(Columns * i), rows[i]);
                q.exec();
            } else {
                for (const auto& row : rows) {
                    bind(q, 0, row);
                    q.exec();
                    q.reset();
                }
            }
            rows.clear();
        }
        std::string single, many;  // the SQL, made once (stmt() keys statements by these strings)
    };

    using EvidenceRow = std::pair<std::int64_t, const Evidence*>;
    RowQueue<EvidenceRow, 12> evidence_rows{
        "INSERT OR IGNORE INTO evidence(relation, doc, sentence_begin, sentence_end, subject_begin, subject_end, "
        "object_begin, object_end, quote, rule, sentence_char_begin, sentence_char_end) VALUES ",
        [](SQLite::Statement& q, int c, const EvidenceRow& row) {
            const auto& e = *row.second;
            q.bind(c + 1, row.first);
            q.bindNoCopy(c + 2, e.doc_id);  // strings without a copy: the relation outlives exec()
            q.bind(c + 3, static_cast<std::int64_t>(e.sentence.begin));
            q.bind(c + 4, static_cast<std::int64_t>(e.sentence.end));
            q.bind(c + 5, static_cast<std::int64_t>(e.subject.begin));
            q.bind(c + 6, static_cast<std::int64_t>(e.subject.end));
            q.bind(c + 7, static_cast<std::int64_t>(e.object.begin));
            q.bind(c + 8, static_cast<std::int64_t>(e.object.end));
            q.bindNoCopy(c + 9, e.quote);
            q.bindNoCopy(c + 10, e.rule);
            if (e.sentence_chars) {
                q.bind(c + 11, static_cast<std::int64_t>(e.sentence_chars->begin));
                q.bind(c + 12, static_cast<std::int64_t>(e.sentence_chars->end));
            } else {
                q.bind(c + 11);
                q.bind(c + 12);
            }
        }};

    using MentionRow = std::pair<const std::string*, const MentionRecord*>;  // document id, mention
    RowQueue<MentionRow, 6> mention_rows{
        "INSERT OR IGNORE INTO mentions(doc, entity, begin, end, surface, extractor) VALUES ",
        [](SQLite::Statement& q, int c, const MentionRow& row) {
            const auto& m = *row.second;
            q.bindNoCopy(c + 1, *row.first);
            q.bindNoCopy(c + 2, m.entity);
            q.bind(c + 3, static_cast<std::int64_t>(m.span.begin));
            q.bind(c + 4, static_cast<std::int64_t>(m.span.end));
            q.bindNoCopy(c + 5, m.surface);
            q.bindNoCopy(c + 6, m.extractor);
        }};

    void flush_rows() {
        evidence_rows.flush(*this);
        mention_rows.flush(*this);
    }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::filesystem::path& Store::path() const { return impl_->path; }

Store Store::open(const std::filesystem::path& path, Mode mode, const StoreOptions& options) {
    std::error_code ec;
    if (mode == Mode::ReadOnly && !std::filesystem::exists(path, ec))
        throw Error(ErrorKind::Storage, path.string() + ": no such database; create it with 'dyad extract FILES --db " +
                                            path.string() + "'");
    if (std::filesystem::is_directory(path, ec))
        throw Error(ErrorKind::Storage, path.string() + ": is a folder; pass a database file as --db");
    const auto wal = std::filesystem::path(path.string() + "-wal");
    const bool present = std::filesystem::exists(path, ec);
    const bool pending = std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 0;
    if (mode == Mode::ReadWrite && present) {
        // Say which file is read-only before SQLite opens anything: a read-only connection would
        // leave read-only -wal and -shm files behind that block the next writer.
        const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
        for (const auto& f : {path, wal, std::filesystem::path(path.string() + "-shm")})
            if (std::filesystem::exists(f, ec) && ::access(f.c_str(), W_OK) != 0)
                throw Error(ErrorKind::Storage, f.string() +
                                                    ": is read-only: make it writable (chmod u+w) or pass "
                                                    "another --db");
        if (::access(folder.c_str(), W_OK) != 0)
            throw Error(ErrorKind::Storage, path.string() +
                                                ": its folder is read-only (SQLite needs to create "
                                                "files beside it): make it writable or pass a --db "
                                                "in a writable folder");
    }
    std::unique_ptr<Impl> impl;
    // One Store per thread (store.h): SQLite's own per-call mutexes are not needed.
    const int flags = SQLite::OPEN_NOMUTEX |
                      (mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    // A database nobody can write through our permissions and with no write-ahead log pending is
    // read as immutable: SQLite then creates no -shm file beside it.
    const bool immutable = mode == Mode::ReadOnly && !pending && ::access(path.c_str(), W_OK) != 0;
    try {
        if (immutable)
            impl = std::make_unique<Impl>(path, immutable_uri(path), flags | SQLite::OPEN_URI, options.busy_timeout_ms);
        else impl = std::make_unique<Impl>(path, path.string(), flags, options.busy_timeout_ms);
        if (mode == Mode::ReadOnly) impl->db.execAndGet("PRAGMA user_version");  // reading may need the -shm file
    } catch (const SQLite::Exception& e) {
        // A WAL database in a folder we cannot write: read it as immutable, which is exact as long
        // as no write-ahead log is pending beside it.
        if (mode == Mode::ReadOnly && !pending && !immutable &&
            (e.getErrorCode() == SQLITE_READONLY || e.getErrorCode() == SQLITE_CANTOPEN)) {
            try {
                impl = std::make_unique<Impl>(path, immutable_uri(path), flags | SQLite::OPEN_URI,
                                              options.busy_timeout_ms);
            } catch (const SQLite::Exception& e2) {
                throw Error(ErrorKind::Storage, path.string() + ": cannot open database: " + e2.what());
            }
        } else {
            const auto h = hint(e.getErrorCode(), e.getExtendedErrorCode(),
                                e.getErrorCode() == SQLITE_IOERR && looks_full(path, 0), options.busy_timeout_ms);
            throw Error(ErrorKind::Storage,
                        path.string() + ": cannot open database: " + e.what() + (h.empty() ? "" : "; " + h));
        }
    }
    // Opening reads the header and may switch the journal to WAL or create the schema. While
    // another dyad does the same to a new database, SQLite can answer "locked" at once, without
    // its busy handler (a journal-mode switch, a WAL index being set up): retry until the busy
    // timeout has passed, as for any other lock.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
    for (;;) {
        try {
            // One statement, one snapshot: another dyad may be creating the schema right now.
            SQLite::Statement head(impl->db,
                                   "SELECT (SELECT user_version FROM pragma_user_version), "
                                   "(SELECT count(*) FROM sqlite_master)");
            head.executeStep();
            const int version = head.getColumn(0).getInt();
            const bool empty = head.getColumn(1).getInt() == 0;
            head.reset();
            auto check_version = [&](int v) {
                if (v > kSchemaVersion)
                    throw Error(ErrorKind::Storage, path.string() + ": schema version " + std::to_string(v) +
                                                        " is newer than this dyad (" + std::to_string(kSchemaVersion) +
                                                        "); upgrade dyad");
            };
            check_version(version);
            if (version == 0 && !empty)
                throw Error(ErrorKind::Storage, path.string() +
                                                    ": this SQLite file was not made by dyad (no schema version); "
                                                    "pass another --db");
            if (mode == Mode::ReadWrite) {
                // A new file gets 16 KiB pages (the default is 4 KiB): fewer system calls per MB
                // written. The size is fixed with the first write, so it comes before the switch
                // to WAL.
                if (empty) impl->db.exec("PRAGMA page_size = 16384");
                impl->db.exec("PRAGMA journal_mode = WAL");
                impl->db.exec("PRAGMA synchronous = NORMAL");
                // Performance only: a 64 MiB page cache (the default 2 MiB rereads the indexes of a
                // large database from the OS for every document) and a checkpoint every ~40 MiB of
                // log instead of every 4 MiB (a page changed by many documents is copied back once).
                impl->db.exec("PRAGMA cache_size = -65536");
                impl->db.exec("PRAGMA wal_autocheckpoint = 10000");
                if (version < kSchemaVersion) {
                    // Two processes may create or migrate the same database: the second one waits
                    // for the first, then finds the schema there.
                    SQLite::Transaction tx(impl->db, SQLite::TransactionBehavior::IMMEDIATE);
                    const int now = impl->db.execAndGet("PRAGMA user_version").getInt();
                    check_version(now);
                    if (now == 0) impl->db.exec(kSchemaSql);
                    else if (now < kSchemaVersion) migrate(impl->db, now);
                    if (now < kSchemaVersion) impl->db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
                    tx.commit();
                }
            } else if (version == 0) {
                throw Error(ErrorKind::Storage, path.string() + ": empty database; run 'dyad extract' into it first");
            } else {
                impl->version = version;
            }
            break;
        } catch (const SQLite::Exception& e) {
            const bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
            if (!busy || std::chrono::steady_clock::now() >= deadline) impl->fail(e, "opening");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    return Store(std::move(impl));
}

bool Store::has_document(const std::string& id) const {
    try {
        return impl_->document_stored(id);
    } catch (const SQLite::Exception& e) {
        impl_->fail(e, "reading documents");
    }
}

bool Store::ingest(const ExtractionResult& result) { return ingest(std::vector<const ExtractionResult*>{&result})[0]; }

std::vector<bool> Store::ingest(const std::vector<const ExtractionResult*>& batch) {
    std::vector<bool> added(batch.size(), false);
    if (batch.empty()) return added;
    const auto doing = batch.size() == 1
                           ? "storing " + batch[0]->document.source
                           : "storing " + std::to_string(batch.size()) + " documents (" +
                                 batch.front()->document.source + " to " + batch.back()->document.source + ")";
    impl_->write_transaction(doing, [&](SQLite::Transaction& tx) {
        bool any = false;
        for (std::size_t k = 0; k < batch.size(); ++k) any = (added[k] = impl_->add_document(*batch[k])) || any;
        if (any) impl_->commit(tx);  // otherwise the transaction rolls back: nothing changed
    });
    return added;
}

bool Store::Impl::add_document(const ExtractionResult& result) {
    const auto& d = result.document;
    if (document_stored(d.id)) return false;  // stored before, or earlier in this batch
    auto& doc = stmt("INSERT INTO documents(id, source, size, date) VALUES (?, ?, ?, ?)");
    doc.bind(1, d.id);
    doc.bind(2, d.source);
    doc.bind(3, static_cast<std::int64_t>(d.bytes.size()));
    doc.bind(4, d.date);
    doc.exec();
    for (const auto& e : result.entities) upsert_entity(e);
    for (const auto& r : result.relations) upsert_relation(r);
    for (const auto& m : result.mentions) mention_rows.add(*this, {&d.id, &m});
    return true;
}

void Store::save_graph(const KnowledgeGraph& graph) {
    impl_->skip_stored_evidence = true;
    try {
        impl_->write_transaction("saving the graph", [&](SQLite::Transaction& tx) {
            for (const auto* e : graph.entities_sorted()) impl_->upsert_entity(*e);
            for (const auto* r : graph.relations_sorted()) impl_->upsert_relation(*r);
            impl_->commit(tx);
        });
    } catch (...) {
        impl_->skip_stored_evidence = false;
        throw;
    }
    impl_->skip_stored_evidence = false;
}

std::vector<MergeSummary> Store::merge(const std::vector<const Store*>& sources) {
    return impl_->write_transaction("merging", [&](SQLite::Transaction& tx) {
        std::vector<MergeSummary> out;
        for (const auto* source : sources) {
            auto& src = *source->impl_;
            MergeSummary m;
            std::unordered_set<std::string> known;  // documents here before this source
            {
                SQLite::Statement q(impl_->db, "SELECT id FROM documents");
                while (q.executeStep()) known.insert(q.getColumn(0).getString());
            }
            try {
                SQLite::Statement docs(src.db, "SELECT id, source, size, date, ingested_at FROM documents ORDER BY id");
                auto& ins = impl_->stmt(
                    "INSERT OR IGNORE INTO documents(id, source, size, date, ingested_at) "
                    "VALUES (?, ?, ?, ?, ?)");
                while (docs.executeStep()) {
                    if (known.count(docs.getColumn(0).getString())) {
                        ++m.documents_present;
                        continue;
                    }
                    ins.bind(1, docs.getColumn(0).getString());
                    ins.bind(2, docs.getColumn(1).getString());
                    ins.bind(3, docs.getColumn(2).getInt64());
                    ins.bind(4, docs.getColumn(3).getString());
                    ins.bind(5, docs.getColumn(4).getString());
                    ins.exec();
                    ins.reset();
                    ++m.documents_added;
                }
                SQLite::Statement ents(src.db, "SELECT key, type, name FROM entities ORDER BY key");
                SQLite::Statement aliases(src.db,
                                          "SELECT kind, value FROM aliases WHERE entity = ? ORDER BY kind, value");
                while (ents.executeStep()) {
                    Entity e;
                    e.key = ents.getColumn(0).getString();
                    const auto type = parse_entity_type(ents.getColumn(1).getString());
                    if (!type)
                        throw Error(ErrorKind::Storage, src.path.string() + ": unknown entity type '" +
                                                            ents.getColumn(1).getString() + "'");
                    e.type = *type;
                    e.name = ents.getColumn(2).getString();
                    aliases.bind(1, e.key);
                    while (aliases.executeStep())
                        (aliases.getColumn(0).getString() == "sameAs" ? e.same_as : e.alt_names)
                            .push_back(aliases.getColumn(1).getString());
                    aliases.reset();
                    impl_->upsert_entity(e);
                }
                auto& exists = impl_->stmt(
                    "SELECT 1 FROM relations WHERE subject = ? AND predicate = ? AND "
                    "object = ? AND negated = ?");
                SQLite::Statement rels(src.db,
                                       "SELECT id, subject, predicate, object, negated, confidence FROM "
                                       "relations ORDER BY subject, predicate, object, negated");
                while (rels.executeStep()) {
                    auto r = src.read_relation(rels.getColumn(0).getInt64(), rels);
                    std::size_t old_docs = 0;
                    std::vector<Evidence> fresh;
                    for (auto& e : r.evidence) {
                        if (known.count(e.doc_id)) ++old_docs;
                        else fresh.push_back(std::move(e));
                    }
                    // Every document of this relation was merged before: its confidence already counts them.
                    if (old_docs > 0 && fresh.empty()) {
                        ++m.relations_present;
                        continue;
                    }
                    if (old_docs > 0) ++m.relations_overlapping;
                    r.evidence = std::move(fresh);
                    exists.bind(1, r.subject);
                    exists.bind(2, std::string(to_string(r.predicate)));
                    exists.bind(3, r.object);
                    exists.bind(4, r.negated ? 1 : 0);
                    const bool had = exists.executeStep();
                    exists.reset();
                    ++(had ? m.relations_merged : m.relations_added);
                    impl_->upsert_relation(r);
                    impl_->evidence_rows.flush(*impl_);  // `r` goes out of scope
                }
                SQLite::Statement mentions(src.db, "SELECT doc, entity, begin, end, surface, extractor FROM mentions");
                auto& men = impl_->stmt(
                    "INSERT OR IGNORE INTO mentions(doc, entity, begin, end, surface, extractor) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
                while (mentions.executeStep()) {
                    if (known.count(mentions.getColumn(0).getString())) continue;
                    men.bind(1, mentions.getColumn(0).getString());
                    men.bind(2, mentions.getColumn(1).getString());
                    men.bind(3, mentions.getColumn(2).getInt64());
                    men.bind(4, mentions.getColumn(3).getInt64());
                    men.bind(5, mentions.getColumn(4).getString());
                    men.bind(6, mentions.getColumn(5).getString());
                    men.exec();
                    men.reset();
                }
            } catch (const SQLite::Exception& e) {
                impl_->fail(e, "merging " + src.path.string());  // rolls back: nothing of any shard stays
            }
            out.push_back(m);
        }
        impl_->commit(tx);
        return out;
    });
}

KnowledgeGraph Store::load_graph() const {
    KnowledgeGraph graph;
    try {
        SQLite::Statement ents(impl_->db, "SELECT key, type, name FROM entities ORDER BY key");
        SQLite::Statement aliases(impl_->db, "SELECT kind, value FROM aliases WHERE entity = ? ORDER BY kind, value");
        while (ents.executeStep()) {
            Entity e;
            e.key = ents.getColumn(0).getString();
            const auto type = parse_entity_type(ents.getColumn(1).getString());
            if (!type)
                throw Error(ErrorKind::Storage,
                            impl_->path.string() + ": unknown entity type '" + ents.getColumn(1).getString() + "'");
            e.type = *type;
            e.name = ents.getColumn(2).getString();
            aliases.bind(1, e.key);
            while (aliases.executeStep()) {
                const std::string kind = aliases.getColumn(0).getString();
                (kind == "sameAs" ? e.same_as : e.alt_names).push_back(aliases.getColumn(1).getString());
            }
            aliases.reset();
            graph.add_or_merge(e);
        }
        SQLite::Statement rels(impl_->db,
                               "SELECT id, subject, predicate, object, negated, confidence FROM relations "
                               "ORDER BY id");
        while (rels.executeStep()) graph.add_or_merge(impl_->read_relation(rels.getColumn(0).getInt64(), rels));
    } catch (const SQLite::Exception& e) {
        impl_->fail(e, "loading the graph");
    }
    return graph;
}

std::map<std::string, std::string> Store::document_sources() const {
    std::map<std::string, std::string> out;
    try {
        SQLite::Statement q(impl_->db, "SELECT id, source FROM documents");
        while (q.executeStep()) out.emplace(q.getColumn(0).getString(), q.getColumn(1).getString());
    } catch (const SQLite::Exception& e) {
        impl_->fail(e, "reading documents");
    }
    return out;
}

StoreStats Store::stats() const {
    StoreStats s;
    try {
        auto count = [&](const char* sql) { return static_cast<std::size_t>(impl_->db.execAndGet(sql).getInt64()); };
        s.documents = count("SELECT count(*) FROM documents");
        s.entities = count("SELECT count(*) FROM entities");
        s.relations = count("SELECT count(*) FROM relations");
        s.evidence = count("SELECT count(*) FROM evidence");
        s.negated_relations = count("SELECT count(*) FROM relations WHERE negated != 0");
        SQLite::Statement t(impl_->db, "SELECT type, count(*) FROM entities GROUP BY type ORDER BY type");
        while (t.executeStep())
            s.entities_by_type[t.getColumn(0).getString()] = static_cast<std::size_t>(t.getColumn(1).getInt64());
        SQLite::Statement p(impl_->db,
                            "SELECT predicate, count(*) FROM relations WHERE negated = 0 "
                            "GROUP BY predicate ORDER BY predicate");
        while (p.executeStep())
            s.relations_by_predicate[p.getColumn(0).getString()] = static_cast<std::size_t>(p.getColumn(1).getInt64());
    } catch (const SQLite::Exception& e) {
        impl_->fail(e, "reading statistics");
    }
    return s;
}

}  // namespace dyad
