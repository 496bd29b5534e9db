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

// checkSite runs the renderer's Check over the site in parallel and, with
// a keyer, reuses the diagnostics of the postings and employers whose
// files did not change: a posting's memo kept from the last Update holds
// them; for the others,
// they are looked up by check key in prev. The diagnostics are recorded
// in the memos and, by check key, all of them in keep, or when keep is nil
// those worked out in prev: Update keeps one map from build to build
// (keyed by what was checked, its entries stay right; see pruneChecks),
// instead of making a new one of every posting at every edit.
//
// render's Check reads every posting's and employer's Markdown (a goldmark
// parse of every body, 1.3 s of CPU at 10,000 postings) on one goroutine,
// before any page is rendered. Each posting is checked on its own, as a
// site of one posting, by a pool of workers. Check also checks, once, the
// employer of every posting: those diagnostics (in the employer's files)
// are left out of the postings' and taken once per employer, from the
// check of one of its postings. The diagnostics are the same as Check's
// over the whole site, in another order; the caller sorts them.
func (p *pass) checkSite(prev, keep map[uint64]content.Diagnostics) content.Diagnostics {
	c := newChecker(p.r, p.s, p.k)
	todo := c.todo(prev)
	c.run(todo, checkWorkers(p.b.cfg.Workers))
	return c.collect(todo, prev, keep)
}

// checker is one checkSite.
type checker struct {
	r *render.Renderer
	s *site.Site
	k *keyer // nil: no keys, every posting is checked
	// The first posting of each employer, whose check gives the
	// employer's diagnostics: their indexes, in order, and the
	// employers' results.
	firsts     []int
	orgResults []orgResult
	// results are the diagnostics of each posting without a keyer (with
	// one, they are in the postings' memos).
	results []content.Diagnostics
}

type orgResult struct {
	key   uint64
	diags content.Diagnostics
}

func newChecker(r *render.Renderer, s *site.Site, k *keyer) *checker {
	c := &checker{r: r, s: s, k: k}
	if k != nil {
		c.firsts = k.firsts
	} else {
		c.firsts = firstsOf(s)
		c.results = make([]content.Diagnostics, len(s.Postings))
	}
	c.orgResults = make([]orgResult, len(c.firsts))
	return c
}

// firstOrg returns a function that gives the result of the employer of
// posting i when i is the first of its employer, else nil; i must grow
// from one call to the next (a walk along firsts).
func (c *checker) firstOrg() func(i int) *orgResult {
	next := 0
	return func(i int) *orgResult {
		for next < len(c.firsts) && c.firsts[next] < i {
			next++
		}
		if next < len(c.firsts) && c.firsts[next] == i {
			return &c.orgResults[next]
		}
		return nil
	}
}

// posting is where the diagnostics of posting i are: in its memo, or
// without a keyer in results.
func (c *checker) posting(i int) *content.Diagnostics {
	if c.k != nil {
		return &c.k.memos[i].diags
	}
	return &c.results[i]
}

// todo are the postings to check: all of them without a keyer, else
// those whose diagnostics, or their employer's if first, are neither in
// their memo nor in prev.
func (c *checker) todo(prev map[uint64]content.Diagnostics) []int {
	var todo []int
	orgOf := c.firstOrg()
	for i, p := range c.s.Postings {
		if c.k != nil {
			m := c.k.memos[i]
			ok := m.checked
			if !ok {
				m.diags, ok = prev[m.check]
				m.checked = ok
			}
			if org := orgOf(i); org != nil {
				org.key = c.k.orgCheckKey(p.Facts.Organization)
				var found bool
				if org.diags, found = prev[org.key]; !found {
					ok = false
				}
			}
			if ok {
				continue
			}
		}
		todo = append(todo, i)
	}
	return todo
}

// run checks the postings todo with a pool of workers.
func (c *checker) run(todo []int, workers int) {
	isOrg := func(d content.Diagnostic) bool { return strings.HasPrefix(d.File, "content/organizations/") }
	// The employer's result of each posting to check, if first.
	todoOrgs := make([]*orgResult, len(todo))
	orgOf := c.firstOrg()
	for n, i := range todo {
		todoOrgs[n] = orgOf(i)
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
				i, org := todo[n], todoOrgs[n]
				var own content.Diagnostics
				if org != nil {
					org.diags = nil
				}
				one := &site.Site{Content: c.s.Content, Today: c.s.Today, Postings: []*site.Posting{c.s.Postings[i]}}
				for _, d := range c.r.Check(one) {
					if !isOrg(d) {
						own = append(own, d)
					} else if org != nil {
						org.diags = append(org.diags, d)
					}
				}
				*c.posting(i) = own
				if c.k != nil {
					c.k.memos[i].checked = true
				}
			}
		})
	}
	wg.Wait()
}

// collect gathers the diagnostics of every posting and employer, and
// records them in keep, or those of todo in prev when keep is nil.
func (c *checker) collect(todo []int, prev, keep map[uint64]content.Diagnostics) content.Diagnostics {
	var ds content.Diagnostics
	orgOf := c.firstOrg()
	for i := range c.s.Postings {
		ds = append(ds, *c.posting(i)...)
		if org := orgOf(i); org != nil {
			ds = append(ds, org.diags...)
			switch {
			case keep != nil:
				keep[org.key] = org.diags
			case c.k != nil:
				prev[org.key] = org.diags
			}
		}
	}
	switch {
	case c.k == nil:
	case keep != nil:
		for _, m := range c.k.memos {
			keep[m.check] = m.diags
		}
	default:
		for _, i := range todo {
			prev[c.k.memos[i].check] = c.k.memos[i].diags
		}
	}
	return ds
}

// pruneChecks lets go of the diagnostics of checks, k's, kept for what no
// posting or employer of k's build is any more, once they are more than
// the live ones; checks grows by the postings edited.
func pruneChecks(checks map[uint64]content.Diagnostics, k *keyer) map[uint64]content.Diagnostics {
	live := len(k.memos) + len(k.orgs)
	if len(checks) <= 2*live+1024 {
		return checks
	}
	kept := make(map[uint64]content.Diagnostics, live)
	for _, m := range k.memos {
		kept[m.check] = m.diags
	}
	for org := range k.orgs {
		key := k.orgCheckKey(org)
		if d, ok := checks[key]; ok {
			kept[key] = d
		}
	}
	return kept
}

// checkWorkers is the size of checkSite's pool.
func checkWorkers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}
