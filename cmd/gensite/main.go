// Command gensite writes a synthetic job-board site for benchmarks: N
// postings in French and English (~5 KB of Markdown each, facts in the
// French file), their employers, content/site.yaml, and a copy of the
// repository's layouts/ and assets/, so that the folder builds on its own:
//
//	go run ./cmd/gensite -n 10000 -out /tmp/site10k
//	go run ./cmd/jobboard build -C /tmp/site10k -now 2026-11-25
//
// The same -n, -seed and -now always give byte-identical files. Postings are
// published in the half-year before -now; about one in five is closed by then.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/jobboard/jobboard/internal/gensite"
)

func main() {
	n := flag.Int("n", 100, "number of postings (each written in fr and en)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed and flags give identical files")
	out := flag.String("out", "", "site `folder` to write (required); its content/postings and content/organizations are replaced")
	now := flag.String("now", gensite.DefaultNow.Format(time.DateOnly), "the build `day` (YYYY-MM-DD) the dates are chosen around; build with the same -now")
	theme := flag.String("theme", ".", "`folder` whose layouts/ and assets/ are copied into the site (\"\" to copy none)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	day, err := time.Parse(time.DateOnly, *now)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gensite: -now %q: give a date as YYYY-MM-DD\n", *now)
		os.Exit(2)
	}
	st, err := gensite.Write(*out, gensite.Options{N: *n, Seed: *seed, Now: day, Theme: *theme})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gensite: %d postings x 2 languages and %d organizations (%d files, %.1f MB) in %s\n",
		st.Postings, st.Organizations, st.Files, float64(st.Bytes)/1e6, *out)
}
