// The synonym file (IndexOptions::synonyms_path; format: index_writer.h) loaded into the index's
// synonym table. Internal to indexer/index; used by the writer's thread.
#pragma once

#include <xapian.h>

#include <string>

namespace paper::index_detail {

// Replaces db's synonyms with those of the file at path and commits, unless the file is the one
// loaded before (its sha256, kept in kMetaSynonymsHash). Nothing for an empty path. Throws
// paper::Error for a file that cannot be read (or a folder).
void load_synonyms(Xapian::WritableDatabase& db, const std::string& path);

}  // namespace paper::index_detail
