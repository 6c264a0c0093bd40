// Links of a catalogue entry: host, kind (by host and path, never by label), normalisation, and
// the identifiers (arXiv id, DOI, year) that can be read from a URL. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/paper.h"

namespace paper {

// Builds a Link from a label and a URL as written: trims both, normalises code-host URLs
// (www.github.com -> github.com, no trailing '/'), fills host and kind.
Link make_link(std::string_view label, std::string_view url);

// Lower-case host of an http(s) URL without user info or port; "" when url is not http(s). An
// IPv6 literal keeps its brackets ("[::1]").
std::string url_host(std::string_view url);

// Kind of a link, decided by host and path only.
LinkKind classify_link(std::string_view host, std::string_view url);

// "2308.16150" for arxiv.org/abs/2308.16150v2, arxiv.org/pdf/2308.16150.pdf, ...; old-style ids
// ("cs/0112017") too. nullopt for other URLs.
std::optional<std::string> arxiv_id_of(std::string_view url);

// Lower-case DOI ("10.1007/978-3-319-66179-7_47") from doi.org URLs or a URL path that carries
// one (Springer chapters, ...). nullopt when none.
std::optional<std::string> doi_of(std::string_view url);

// The identifier two links share when they name the same work: "arxiv:ID" or "doi:DOI"; nullopt
// for links that carry neither.
std::optional<std::string> work_key_of(std::string_view url);

// A year the URL states unambiguously next to a venue name (CVF "content_cvpr_2018",
// "content/ICCV2021", ECVA "eccv_2020", MICCAI ".../2023/"...), or nullopt.
std::optional<int> year_of_url(std::string_view url);

// True for links signed with an expiry (S3 X-Amz-Signature, CloudFront Expires=...): they carry
// credentials and should not be printed in full.
bool is_signed_url(std::string_view url);

}  // namespace paper
