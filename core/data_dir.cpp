// Data folder discovery.
#include "core/data_dir.h"

#include <cstdlib>
#include <vector>

#include "core/build_config.h"
#include "core/error.h"

namespace dyad {

std::filesystem::path find_data_dir(const std::string& explicit_dir) {
    std::vector<std::filesystem::path> tried;
    auto usable = [&](const std::filesystem::path& dir) {
        tried.push_back(dir);
        std::error_code ec;
        return std::filesystem::exists(dir / "gazetteer" / "countries.tsv", ec);
    };
    if (!explicit_dir.empty()) {
        if (usable(explicit_dir)) return explicit_dir;
        throw Error(ErrorKind::Data, explicit_dir +
                                         ": not a dyad data folder (no gazetteer/countries.tsv); "
                                         "point --data at the project's data/ folder");
    }
    if (const char* env = std::getenv("DYAD_DATA_DIR"); env && *env) {
        if (usable(env)) return env;
        throw Error(ErrorKind::Data, std::string(env) +
                                         ": DYAD_DATA_DIR is not a dyad data folder (no "
                                         "gazetteer/countries.tsv)");
    }
    if (usable(build::kSourceDataDir)) return build::kSourceDataDir;
    if (usable(build::kInstallDataDir)) return build::kInstallDataDir;
    std::string list;
    for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t.string();
    throw Error(ErrorKind::Data,
                "no dyad data folder found (tried " + list + "); pass --data DIR or set DYAD_DATA_DIR");
}

}  // namespace dyad
