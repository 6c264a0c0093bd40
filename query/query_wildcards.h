// Wildcards (segm*, title:transform*) over an index of stems: the rewrite of the query text and
// the field processors that expand it. Internal to the query library.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace paper::query {

// Hands qp (which owns them) the processors of the rewritten wildcards, one for each field a
// wildcard may carry: free text, title, abstract, ref, author, venue and section.
void add_wildcard_fields(Xapian::QueryParser& qp);

// Rewrites `[field:]word*` (outside quotes, for the fields above) for those processors; the
// lower-cased words of the free-text wildcards go to body_words.
// Throws paper::Error (kExitUsage) for a field with a '*' and no word ("title:*").
std::string rewrite_wildcards(std::string text, std::vector<std::string>& body_words);

}  // namespace paper::query
