package content

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate nearest to s when it is close enough to be
// a typo, else "": the commands use it for a mistyped command name.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// suggest returns the candidate nearest to s when it is close enough to be a
// typo (at most two edits, or one for short words; letters swapped count
// as one edit, and case does not count; none for fewer than three
// letters), else "". When two candidates are
// as near, it suggests neither: "CID" is one edit from CDI and from CDD,
// and a suggestion of the wrong one had an author publish a permanent job
// as a fixed-term one; the message then lists every allowed value.
func suggest(s string, candidates []string) string {
	if utf8.RuneCountInString(s) < 3 {
		return "" // one or two letters are one edit from too much (-x from -C)
	}
	best, bestDist, tie := "", 3, false
	for _, c := range candidates {
		limit := 2
		if len(c) <= 4 {
			limit = 1
		}
		dist := editDistance(strings.ToLower(s), strings.ToLower(c))
		switch {
		case dist > limit || dist > bestDist:
		case dist == bestDist:
			tie = true
		default:
			best, bestDist, tie = c, dist, false
		}
	}
	if tie {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b,
// in runes: the Levenshtein distance, with two neighbouring letters
// swapped as one edit (CID for CDI).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	before := make([]int, len(rb)+1) // the row of i-2
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(rb)]
}
