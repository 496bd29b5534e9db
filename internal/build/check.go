package build

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// checkSite runs r.Check over s in parallel and, with a keyer, reuses the
// diagnostics of the postings and employers whose files did not change
// since the last Update (prev), recording all of them in next.
//
// render's Check reads every posting's and employer's Markdown (a goldmark
// parse of every body, 1.3 s of CPU at 10,000 postings) on one goroutine,
// before any page is rendered. Each posting is checked on its own, as a
// site of one posting, by a pool of workers. Check also checks, once, the
// employer of every posting: those diagnostics (in the employer's files)
// are left out of the postings' and taken once per employer, from the
// check of one of its postings. The diagnostics are the same as Check's
// over the whole site, in another order; the caller sorts them.
func checkSite(r *render.Renderer, s *site.Site, workers int, k *keyer, prev, keep map[uint64]content.Diagnostics) content.Diagnostics {
	isOrg := func(d content.Diagnostic) bool { return strings.HasPrefix(d.File, "content/organizations/") }
	one := func(p *site.Posting) content.Diagnostics {
		return r.Check(&site.Site{Content: s.Content, Today: s.Today, Postings: []*site.Posting{p}})
	}
	// The first posting of each employer, whose check gives the employer's.
	seen := map[string]bool{}
	first := make([]bool, len(s.Postings))
	for i, p := range s.Postings {
		if !seen[p.Facts.Organization] {
			seen[p.Facts.Organization] = true
			first[i] = true
		}
	}

	type result struct {
		posting, org content.Diagnostics
	}
	results := make([]result, len(s.Postings))
	// With a keyer, the postings whose files and employer did not change
	// keep their diagnostics; the others are checked by the workers.
	todo := make([]int, 0, len(s.Postings))
	var pkeys, okeys []uint64
	if k != nil {
		pkeys, okeys = make([]uint64, len(s.Postings)), make([]uint64, len(s.Postings))
	}
	for i, p := range s.Postings {
		if k != nil {
			pkeys[i] = k.checkKey(p)
			pd, pok := prev[pkeys[i]]
			od, ook := content.Diagnostics(nil), true
			if first[i] {
				okeys[i] = k.orgCheckKey(p.Facts.Organization)
				od, ook = prev[okeys[i]]
			}
			if pok && ook {
				results[i] = result{pd, od}
				continue
			}
		}
		todo = append(todo, i)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, len(todo))) {
		wg.Go(func() {
			for {
				n := int(next.Add(1)) - 1
				if n >= len(todo) {
					return
				}
				i := todo[n]
				var res result
				for _, d := range one(s.Postings[i]) {
					if !isOrg(d) {
						res.posting = append(res.posting, d)
					} else if first[i] {
						res.org = append(res.org, d)
					}
				}
				results[i] = res
			}
		})
	}
	wg.Wait()

	var ds content.Diagnostics
	for i := range s.Postings {
		ds = append(ds, results[i].posting...)
		if first[i] {
			ds = append(ds, results[i].org...)
		}
		if k != nil {
			keep[pkeys[i]] = results[i].posting
			if first[i] {
				keep[okeys[i]] = results[i].org
			}
		}
	}
	return ds
}

// checkWorkers is the size of checkSite's pool.
func checkWorkers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}
