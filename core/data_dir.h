// Where the dictionaries and patterns live: --data > $DYAD_DATA_DIR > source tree > install prefix.
#pragma once

#include <filesystem>
#include <string>

namespace dyad {

/// @throws Error (Data) when no candidate folder holds data/gazetteer/countries.tsv; the message
/// lists the folders tried.
std::filesystem::path find_data_dir(const std::string& explicit_dir = "");

}  // namespace dyad
