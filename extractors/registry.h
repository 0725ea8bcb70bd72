// The one table of extraction stages, and the factory that builds a configured pipeline.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

#include "core/extractor.h"
#include "core/pipeline.h"

namespace dyad::extractors {

/// What a factory may read.
struct Resources {
    const Knowledge& knowledge;
};

struct StageInfo {
    std::string_view name;
    std::string_view summary;
    bool relation_stage;
};

/// Every stage, in the order it runs.
std::span<const StageInfo> stages();

/// Loads the data folder and builds every stage.
/// @throws Error (Data) naming file:line for a malformed data file.
std::unique_ptr<Pipeline> make_pipeline(const std::filesystem::path& data_dir);

}  // namespace dyad::extractors
