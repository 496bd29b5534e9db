// Package content loads a job board's content/ folder (site.yaml, the
// employers and the postings) and checks it against the content format
// before anything is published: a mistyped key or an impossible date must
// stop the build here, not reach a candidate or a job aggregator.
//
// The people who fix the mistakes are communications staff, not
// programmers, so every problem is reported, all at once and sorted, as a
// Diagnostic placed like a compiler error on the line of the offending key
// ("content/postings/x.fr.md:7: salary: min 30000 is above max 28000").
// That is why front matter is not unmarshalled into structs: it is decoded
// into nodes that keep their lines (yaml.v3 nodes; JSON token by token;
// TOML lines found in the text), and the typed Site is built from those.
//
// Posting keys. Text, in every language file: title, summary. Facts, written
// once in the default language's file so that languages cannot disagree (a
// translation may repeat a fact only with the same value): organization,
// contract, duration_months, hours, hours_per_week, salary {min, max,
// currency, period, basis}, location {city, postal_code, region, country},
// remote, eligibility {residence}, start, posted, expires, apply {to,
// subject, documents, strict}, languages {required, plus}, draft. Any other key is
// an error with a suggestion, because a misspelt expire: would otherwise
// publish a posting that never closes.
//
// Employer keys: name (per language), url and logo (facts). site.yaml keys:
// base_url, languages, title, description, timezone, listing_days.
//
// A Loader keeps what it parsed, keyed by file content, because jobboard
// serve reloads the whole site on every save and should only re-read the
// file that changed.
//
// The reference for the people who write postings is docs/content-format.md;
// the contract is ../shared/spec/content-format.md.
package content
