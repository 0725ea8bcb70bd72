// The table of verbs. Each cmd_<verb>.cpp declares its options and one short callback.
#pragma once

#include <CLI/CLI.hpp>

#include <atomic>
#include <span>
#include <string>
#include <string_view>

#include "cli/output.h"

namespace dyad::cli {

/// Options every verb shares, filled in by CLI11 before a callback runs.
struct Context {
    std::string db = "dyad.db";
    std::string data;
    bool strict = false;
    Output out;
    int exit_code = 0;                        // a callback sets 1 for "finished, but with failures" (--strict)
    std::atomic<bool>* stop = nullptr;        // set by the first SIGINT or SIGTERM
    std::atomic<int>* stop_signal = nullptr;  // which one
};

struct Verb {
    std::string_view name;
    std::string_view summary;
    void (*add)(CLI::App& app, Context& ctx);
};

std::span<const Verb> verbs();
/// Adds --db to a verb (the default is dyad.db in the current folder).
void add_db_option(CLI::App& cmd, Context& ctx);

void add_extract(CLI::App&, Context&);
void add_export(CLI::App&, Context&);
void add_import(CLI::App&, Context&);
void add_merge(CLI::App&, Context&);
void add_render(CLI::App&, Context&);
void add_stats(CLI::App&, Context&);
void add_query(CLI::App&, Context&);
void add_assess(CLI::App&, Context&);
void add_diff(CLI::App&, Context&);
void add_check_data(CLI::App&, Context&);
void add_list(CLI::App&, Context&);

}  // namespace dyad::cli
