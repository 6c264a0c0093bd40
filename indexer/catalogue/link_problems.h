// Why a link written in a list is not an http(s) URL the indexer can fetch, and what to write
// instead. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace paper {

enum class LinkProblemKind {
  kNone,         // an http(s) URL with a host: usable
  kNotAPaper,    // an in-page anchor, a relative link to another list or page, mailto:, a
                 // data: URI that is not a PDF, ...
  kSchemeTypo,   // "htps://...", "htp://...": one letter away from http or https
  kOtherScheme,  // "ftp://...", "doi:...", "s3://...", "data:application/pdf;...": a scheme
                 // that is never fetched
  kMalformed,    // "https:/host/...", "https//host/...": http(s) without a valid "//host"
  kNoScheme,     // "arxiv.org/abs/...", "www.example.org/...": a web address without "https://"
  kLocalFile,    // "file:///...", "C:\...", a relative or absolute path to a PDF
  kSpace,        // "https://x.org/a b.pdf": white space inside an http(s) URL (write %20)
};

struct LinkProblem {
  LinkProblemKind kind = LinkProblemKind::kNone;
  std::string scheme;  // lower-case, without ':' (kSchemeTypo, kOtherScheme)
  std::string fixed;   // the URL as it should probably be written (kSchemeTypo, kMalformed,
                       // kNoScheme, kSpace, "doi:" and "arXiv:" links); "" otherwise
};

// Classifies a link destination as written (trimmed, <...> removed). Never throws.
LinkProblem diagnose_link(std::string_view url);

// True for the problems worth a warning: every kind but kNone and kNotAPaper.
bool is_reportable(const LinkProblem& problem);

// True for links that are certainly mistyped web addresses (kSchemeTypo, kMalformed,
// kNoScheme, kSpace): worth a warning even when the entry has other, usable links.
bool is_mistyped(const LinkProblem& problem);

// What is wrong with the link and what to write instead, for a warning (a kNotAPaper link with a
// scheme, "mailto:...", is explained as kOtherScheme):
// `link "htps://x.org/p" has the scheme "htps:", a typo of "https:" (only http and https links
// are fetched); write https://x.org/p`. Signed URLs lose their query (it holds credentials) and
// long ones are shortened.
std::string explain_link_problem(std::string_view url, const LinkProblem& problem);

}  // namespace paper
