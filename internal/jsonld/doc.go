// Package jsonld builds the schema.org JobPosting that each open posting page
// carries in a <script type="application/ld+json"> element, for Google's job
// search and the aggregators that read the same markup.
//
// The values are typed Go structs marshalled with encoding/json, never
// string templates. Build and Marshal are pure: no I/O, no globals, no clock.
//
// Choices, and why:
//
//   - Safety in a script element. encoding/json escapes <, > and & as
//     \u003c, \u003e, \u0026 and U+2028/U+2029 as \u2028/\u2029, so no
//     "</script", "<!--" or "<script" can appear raw in the block whatever the
//     content says, and the block stays valid JavaScript as well as JSON.
//     Marshal uses exactly that encoder; the tests assert it.
//
//   - directApply is always false: applications go by e-mail (a mailto: link),
//     which is not "a short and simple application process on your page".
//     Saying so explicitly is better than leaving Google to guess.
//
//   - identifier is {PropertyValue, name, value} with the organization's name
//     in the site's default language and the posting's slug as value, so the
//     French and English pages of one job carry the identical identifier: they
//     are translations of one job, not two jobs.
//
//   - validThrough is the last second (23:59:59) of the expires day in the
//     site's time zone, written RFC 3339 with its UTC offset
//     (2027-01-15T23:59:59+01:00, 2027-07-15T23:59:59+02:00 in Paris): the
//     posting is open the whole of its last day, in the employer's calendar,
//     and the instant is unambiguous to every reader. Without expires there is
//     no validThrough (Google: leave it out when the job has no end date).
//
//   - employmentType follows content.Contract and hours; see EmploymentType.
//     Google has no "permanent" value, so a CDI is only FULL_TIME/PART_TIME.
//
//   - baseSalary is {MonetaryAmount, currency, value {QuantitativeValue,
//     minValue, maxValue, unitText}}; a band whose min equals its max is given
//     as a single value. Amounts are JSON numbers (float64 marshals 24000 as
//     24000 and 1850.5 as 1850.5). salaryCurrency repeats the currency: it is
//     a schema.org property and the reference checker verifies the two agree.
//     Gross or net is not expressible in schema.org: it must be in the
//     description text. There is no baseSalary when the posting has no salary
//     (bénévolat).
//
//   - jobLocation is always given (the content format requires a location and
//     the page shows it), also for fully remote postings, which add
//     jobLocationType TELECOMMUTE. A posting with several places of work has
//     one Place per place, in an array (Google accepts several); one place
//     is an object, as schema.org's examples write it. applicantLocationRequirements lists
//     eligibility.residence as {"@type": "Country", "name": "FR"} whenever it is
//     set; a fully remote posting without it falls back to the locations'
//     countries, which is what Google assumes anyway.
//
//   - jobStartDate is a date, or jobImmediateStart true for "asap";
//     jobDuration is "P<n>M" when duration_months is set; workHours is the
//     caller's sentence, which the page must show too.
//
//   - url is the page's own absolute URL. inLanguage is not emitted: it is not
//     a JobPosting property and the reference checker flags it as unknown;
//     the page's <html lang> says the language.
//
//   - description is the caller's HTML passed through Simplify, so it holds
//     only p, ul, li and br, the tags Google's job display renders. Google
//     shows nothing of the job but this text, so callers must put every fact
//     in it (contract, duration, hours, salary with gross/net and period,
//     place, remote, start, closing date, how to apply).
//
// Simplify's own choices are documented on the function.
package jsonld
