#include "indexer/fetch/discover.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "common/text.h"
#include "common/version.h"

namespace paper {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct EasyCleanup {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;
using Slist = std::unique_ptr<curl_slist, SlistFree>;

constexpr std::size_t kMaxResponseBytes = 8u << 20;

void append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (!grown) throw std::bad_alloc();
  (void)list.release();
  list.reset(grown);
}

std::string percent_encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// DOIs keep their '/' in API paths (Unpaywall, OpenAlex, Semantic Scholar accept it).
std::string encode_doi(std::string_view doi) {
  std::string out;
  for (char c : doi) {
    if (c == '/')
      out += '/';
    else
      out += percent_encode(std::string_view(&c, 1));
  }
  return out;
}

bool same_title(const std::string& a, const std::string& b) {
  std::string na = normalize_for_match(a);
  return !na.empty() && na == normalize_for_match(b);
}

std::string decode_xml(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    std::string f = from;
    for (std::size_t pos = 0; (pos = s.find(f, pos)) != std::string::npos; pos += 1)
      s.replace(pos, f.size(), to);
  }
  return s;
}

// The text of the first <tag ...>...</tag> in xml, or "".
std::string element_text(std::string_view xml, const std::string& tag) {
  std::size_t open = xml.find("<" + tag);
  while (open != std::string_view::npos) {
    char after = open + tag.size() + 1 < xml.size() ? xml[open + tag.size() + 1] : '>';
    if (after == '>' || after == ' ') break;
    open = xml.find("<" + tag, open + 1);
  }
  if (open == std::string_view::npos) return "";
  std::size_t start = xml.find('>', open);
  std::size_t end = xml.find("</" + tag + ">", start);
  if (start == std::string_view::npos || end == std::string_view::npos) return "";
  return decode_xml(std::string(xml.substr(start + 1, end - start - 1)));
}

void add_unique(std::vector<Candidate>& out, Candidate c) {
  if (c.url.empty()) return;
  auto u = parse_url(c.url);
  if (!u || (u->scheme != "http" && u->scheme != "https")) return;
  for (const auto& existing : out)
    if (existing.url == c.url) return;
  out.push_back(std::move(c));
}

std::string string_at(const json& j, std::initializer_list<const char*> path) {
  const json* node = &j;
  for (const char* key : path) {
    if (!node->is_object() || !node->contains(key)) return "";
    node = &(*node)[key];
  }
  return node->is_string() ? node->get<std::string>() : "";
}

std::optional<json> parse_json(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::vector<Candidate> semantic_scholar_paper(const json& p, const std::string& title) {
  std::vector<Candidate> out;
  if (!p.is_object() || !same_title(string_at(p, {"title"}), title)) return out;
  add_unique(out, {string_at(p, {"openAccessPdf", "url"}), "Semantic Scholar open-access PDF"});
  std::string arxiv = string_at(p, {"externalIds", "ArXiv"});
  if (!arxiv.empty())
    add_unique(out,
               {"https://arxiv.org/pdf/" + arxiv, "arXiv " + arxiv + " (via Semantic Scholar)"});
  return out;
}

std::vector<Candidate> openalex_work(const json& w, const std::string& title) {
  std::vector<Candidate> out;
  if (!w.is_object()) return out;
  std::string name = string_at(w, {"display_name"});
  if (name.empty()) name = string_at(w, {"title"});
  if (!same_title(name, title)) return out;
  add_unique(out, {string_at(w, {"best_oa_location", "pdf_url"}), "OpenAlex best open-access PDF"});
  if (w.contains("locations") && w["locations"].is_array())
    for (const auto& loc : w["locations"])
      add_unique(out, {string_at(loc, {"pdf_url"}), "OpenAlex open-access PDF"});
  return out;
}

}  // namespace

std::vector<Candidate> parse_arxiv_feed(std::string_view atom, const std::string& title) {
  std::vector<Candidate> out;
  std::size_t pos = 0;
  while ((pos = atom.find("<entry>", pos)) != std::string_view::npos) {
    std::size_t end = atom.find("</entry>", pos);
    if (end == std::string_view::npos) break;
    std::string_view entry = atom.substr(pos, end - pos);
    pos = end;
    if (!same_title(element_text(entry, "title"), title)) continue;
    std::string id_url = element_text(entry, "id");
    if (auto id = arxiv_id_from_url(trim(id_url))) {
      // Without the version suffix: the latest version.
      std::string bare = *id;
      std::size_t v = bare.rfind('v');
      if (v != std::string::npos && v > 0 &&
          std::isdigit(static_cast<unsigned char>(bare[v - 1])) && v + 1 < bare.size())
        bare = bare.substr(0, v);
      add_unique(out, {"https://arxiv.org/pdf/" + bare, "arXiv " + bare + " (found by title)"});
    }
  }
  return out;
}

std::vector<Candidate> parse_unpaywall(std::string_view text) {
  std::vector<Candidate> out;
  auto j = parse_json(text);
  if (!j || !j->is_object()) return out;
  add_unique(
      out, {string_at(*j, {"best_oa_location", "url_for_pdf"}), "Unpaywall best open-access PDF"});
  if (j->contains("oa_locations") && (*j)["oa_locations"].is_array())
    for (const auto& loc : (*j)["oa_locations"])
      add_unique(out, {string_at(loc, {"url_for_pdf"}), "Unpaywall open-access PDF"});
  return out;
}

std::vector<Candidate> parse_semantic_scholar(std::string_view text, const std::string& title) {
  auto j = parse_json(text);
  if (!j || !j->is_object()) return {};
  if (j->contains("data") && (*j)["data"].is_array()) {
    std::vector<Candidate> out;
    for (const auto& p : (*j)["data"])
      for (auto& c : semantic_scholar_paper(p, title)) add_unique(out, std::move(c));
    return out;
  }
  return semantic_scholar_paper(*j, title);
}

std::vector<Candidate> parse_openalex(std::string_view text, const std::string& title) {
  auto j = parse_json(text);
  if (!j || !j->is_object()) return {};
  if (j->contains("results") && (*j)["results"].is_array()) {
    std::vector<Candidate> out;
    for (const auto& w : (*j)["results"])
      for (auto& c : openalex_work(w, title)) add_unique(out, std::move(c));
    return out;
  }
  return openalex_work(*j, title);
}

std::vector<std::string> parse_crossref_dois(std::string_view text, const std::string& title,
                                             std::vector<Candidate>* pdf_links) {
  std::vector<std::string> dois;
  auto j = parse_json(text);
  if (!j || !j->is_object() || !j->contains("message")) return dois;
  const json& message = (*j)["message"];
  std::vector<json> items;
  if (message.contains("items") && message["items"].is_array())
    items.assign(message["items"].begin(), message["items"].end());
  else if (message.is_object())
    items.push_back(message);
  for (const auto& item : items) {
    std::string item_title;
    if (item.contains("title") && item["title"].is_array() && !item["title"].empty() &&
        item["title"][0].is_string())
      item_title = item["title"][0].get<std::string>();
    if (!same_title(item_title, title)) continue;
    std::string doi = string_at(item, {"DOI"});
    if (!doi.empty() && std::find(dois.begin(), dois.end(), doi) == dois.end()) dois.push_back(doi);
    if (pdf_links && item.contains("link") && item["link"].is_array())
      for (const auto& link : item["link"])
        if (string_at(link, {"content-type"}) == "application/pdf")
          add_unique(*pdf_links, {string_at(link, {"URL"}), "Crossref PDF link"});
  }
  return dois;
}

class Discoverer::Impl {
 public:
  struct Api {
    std::string name;
    double interval_s = 0;
    std::mutex mutex;
    Clock::time_point next{};
    std::string unreachable;  // set once its host failed to resolve or connect
  };

  struct Response {
    long status = 0;
    std::string body;
    std::string error;  // plain words when the request did not complete
  };

  explicit Impl(DiscoveryOptions options) : options_(std::move(options)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (options_.user_agent.empty()) options_.user_agent = kUserAgent;
    arxiv_.name = "arXiv API";
    arxiv_.interval_s = options_.arxiv_interval_s;
    unpaywall_.name = "Unpaywall";
    unpaywall_.interval_s = options_.unpaywall_interval_s;
    s2_.name = "Semantic Scholar";
    s2_.interval_s = options_.semantic_scholar_interval_s;
    openalex_.name = "OpenAlex";
    openalex_.interval_s = options_.openalex_interval_s;
    crossref_.name = "Crossref";
    crossref_.interval_s = options_.crossref_interval_s;
  }

  Discovery discover(const Paper& paper) {
    Discovery d;
    std::optional<std::string> doi;
    for (const auto& link : paper.links)
      if (!doi) doi = doi_from_url(link.url);
    std::vector<std::string> unpaywall_done;

    auto take = [&](Api& api, std::vector<Candidate> found, const std::string& nothing) {
      if (found.empty()) d.notes.push_back(api.name + ": " + nothing);
      for (auto& c : found) add_unique(d.candidates, std::move(c));
    };
    auto ask_unpaywall = [&](const std::string& the_doi) {
      if (options_.email.empty() ||
          std::find(unpaywall_done.begin(), unpaywall_done.end(), the_doi) != unpaywall_done.end())
        return;
      unpaywall_done.push_back(the_doi);
      Response r = get(unpaywall_,
                       options_.unpaywall_api + "/" + encode_doi(the_doi) +
                           "?email=" + percent_encode(options_.email),
                       {"Accept: application/json"});
      if (!explain(d, unpaywall_, r, "DOI " + the_doi)) return;
      take(unpaywall_, parse_unpaywall(r.body), "no open-access PDF for DOI " + the_doi);
    };

    if (options_.use_arxiv && !paper.title.empty()) {
      Response r = get_arxiv(options_.arxiv_api + "?search_query=" +
                             percent_encode("ti:\"" + arxiv_title_query(paper.title) + "\"") +
                             "&max_results=5");
      if (explain(d, arxiv_, r, "title search"))
        take(arxiv_, parse_arxiv_feed(r.body, paper.title), "no entry with a matching title");
    }
    if (doi) ask_unpaywall(*doi);
    if ((options_.use_semantic_scholar || !options_.semantic_scholar_key.empty()) &&
        !paper.title.empty()) {
      std::vector<std::string> headers = {"Accept: application/json"};
      if (!options_.semantic_scholar_key.empty())
        headers.push_back("x-api-key: " + options_.semantic_scholar_key);
      std::string fields = "fields=title,externalIds,openAccessPdf";
      std::string url =
          doi ? options_.semantic_scholar_api + "/paper/DOI:" + encode_doi(*doi) + "?" + fields
              : options_.semantic_scholar_api +
                    "/paper/search/match?query=" + percent_encode(paper.title) + "&" + fields;
      Response r = get(s2_, url, headers);
      if (explain(d, s2_, r, doi ? "DOI " + *doi : "title match"))
        take(s2_, parse_semantic_scholar(r.body, paper.title),
             "no open-access PDF with a matching title");
    }
    if (!options_.openalex_key.empty() && !paper.title.empty()) {
      std::string key = "api_key=" + percent_encode(options_.openalex_key);
      if (!options_.email.empty()) key += "&mailto=" + percent_encode(options_.email);
      std::string url = doi ? options_.openalex_api + "/works/doi:" + encode_doi(*doi) + "?" + key
                            : options_.openalex_api +
                                  "/works?search=" + percent_encode(paper.title) + "&per-page=5&" +
                                  key;
      Response r = get(openalex_, url, {"Accept: application/json"});
      if (explain(d, openalex_, r, doi ? "DOI " + *doi : "title search"))
        take(openalex_, parse_openalex(r.body, paper.title),
             "no open-access PDF with a matching title");
    }
    if ((options_.use_crossref || !options_.email.empty()) && !paper.title.empty()) {
      std::string query = paper.title;
      if (!paper.authors.empty()) query += " " + paper.authors.front();
      if (paper.year) query += " " + std::to_string(*paper.year);
      std::string url =
          options_.crossref_api + "/works?query.bibliographic=" + percent_encode(query) + "&rows=3";
      if (!options_.email.empty()) url += "&mailto=" + percent_encode(options_.email);
      Response r = get(crossref_, url, {"Accept: application/json"});
      if (explain(d, crossref_, r, "title search")) {
        std::vector<Candidate> links;
        auto dois = parse_crossref_dois(r.body, paper.title, &links);
        if (dois.empty()) d.notes.push_back(crossref_.name + ": no item with a matching title");
        for (auto& c : links) add_unique(d.candidates, std::move(c));
        for (const auto& found : dois) ask_unpaywall(found);
      }
    }
    return d;
  }

  std::optional<bool> arxiv_id_matches(const std::string& id, const std::string& title) {
    if (!options_.use_arxiv) return std::nullopt;
    Response r = get_arxiv(options_.arxiv_api + "?id_list=" + percent_encode(id));
    if (!r.error.empty() || r.status != 200 || r.body.find("<entry>") == std::string::npos)
      return std::nullopt;
    return !parse_arxiv_feed(r.body, title).empty();
  }

 private:
  // arXiv's query syntax treats some characters as operators; titles are searched as a phrase
  // of their plain words.
  static std::string arxiv_title_query(const std::string& title) {
    return normalize_for_match(title);
  }

  // true when r is a 200 to parse; otherwise adds a note and returns false.
  bool explain(Discovery& d, Api& api, const Response& r, const std::string& what) {
    if (!r.error.empty()) {
      d.notes.push_back(api.name + ": " + r.error);
      return false;
    }
    if (r.status != 200) {
      d.notes.push_back(api.name + ": HTTP " + std::to_string(r.status) + " for " + what);
      return false;
    }
    return true;
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    std::size_t n = size * count;
    if (body->size() + n > kMaxResponseBytes) return 0;
    body->append(data, n);
    return n;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* retry_after = static_cast<std::string*>(user);
    std::string line(data, size * count);
    std::string lower = line;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("retry-after:", 0) == 0) *retry_after = trim(line.substr(12));
    return size * count;
  }

  // A request to the arXiv API, asked again while it answers a feed without any entry.
  Response get_arxiv(const std::string& url) {
    Response r = get(arxiv_, url, {"Accept: application/atom+xml"});
    for (int retry = 0; retry < options_.arxiv_empty_retries && r.error.empty() &&
                        r.status == 200 && r.body.find("<entry>") == std::string::npos;
         ++retry) {
      r = get(arxiv_, url, {"Accept: application/atom+xml"});
    }
    return r;
  }

  Response get(Api& api, const std::string& url, const std::vector<std::string>& extra_headers) {
    std::lock_guard lock(api.mutex);
    Response r;
    if (!api.unreachable.empty()) {
      r.error = api.unreachable;
      return r;
    }
    for (int attempt = 1;; ++attempt) {
      std::this_thread::sleep_until(api.next);
      api.next = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(api.interval_s));
      r = Response{};
      std::string retry_after;
      EasyHandle easy(curl_easy_init());
      if (!easy) {
        r.error = "cannot start a request (out of memory?)";
        return r;
      }
      Slist headers;
      for (const auto& h : extra_headers) append(headers, h);
      Slist connect_to;
      for (const auto& c : options_.connect_to) append(connect_to, c);
      CURL* e = easy.get();
      curl_easy_setopt(e, CURLOPT_URL, url.c_str());
      curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
      curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
      curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to.get());
      curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
      curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
      curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
      curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
      curl_easy_setopt(e, CURLOPT_TIMEOUT, options_.timeout_s);
      curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, std::min(options_.timeout_s, 10L));
      curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
      curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::on_body);
      curl_easy_setopt(e, CURLOPT_WRITEDATA, &r.body);
      curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::on_header);
      curl_easy_setopt(e, CURLOPT_HEADERDATA, &retry_after);
      CURLcode code = curl_easy_perform(e);
      curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r.status);
      bool retryable = false;
      if (code != CURLE_OK) {
        long os_errno = 0;
        curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
        std::string host = host_of(url);
        if (code == CURLE_COULDNT_RESOLVE_HOST) {
          api.unreachable = "host " + host + " could not be resolved (no network or DNS failure)";
          r.error = api.unreachable;
          return r;
        }
        curl_off_t connect_time = 0;
        curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connect_time);
        if (code == CURLE_COULDNT_CONNECT ||
            (code == CURLE_OPERATION_TIMEDOUT && connect_time == 0)) {
          api.unreachable = os_errno == ENETUNREACH || os_errno == EHOSTUNREACH
                                ? "host " + host + " unreachable (no network route)"
                            : code == CURLE_COULDNT_CONNECT
                                ? "host " + host + " refused the connection"
                                : "host " + host + " did not answer within " +
                                      std::to_string(std::min(options_.timeout_s, 10L)) +
                                      " s (offline or blocked)";
          r.error = api.unreachable;
          return r;
        }
        retryable = code == CURLE_OPERATION_TIMEDOUT || code == CURLE_RECV_ERROR ||
                    code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE;
        r.error = std::string("request failed: ") + curl_easy_strerror(code);
      } else {
        retryable = r.status == 429 || r.status >= 500;
      }
      if (!retryable || attempt >= options_.max_attempts) return r;
      double delay = options_.retry_base_s * attempt;
      if (!retry_after.empty() && std::all_of(retry_after.begin(), retry_after.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
          }))
        delay = std::min(std::stod(retry_after), options_.retry_after_max_s);
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    }
  }

  DiscoveryOptions options_;
  Api arxiv_, unpaywall_, s2_, openalex_, crossref_;
};

Discoverer::Discoverer(DiscoveryOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
Discoverer::~Discoverer() = default;

Discovery Discoverer::discover(const Paper& paper) { return impl_->discover(paper); }

std::optional<bool> Discoverer::arxiv_id_matches(const std::string& id, const std::string& title) {
  return impl_->arxiv_id_matches(id, title);
}

}  // namespace paper
