package notify

import (
	"slices"
	"testing"

	"github.com/jobboard/jobboard/internal/feeds"
)

func rec(ps ...feeds.RecordPosting) feeds.Record {
	return feeds.Record{Version: feeds.RecordVersion, Postings: ps}
}

func open(u, hash string) feeds.RecordPosting {
	return feeds.RecordPosting{URL: u, Status: feeds.Open, Hash: hash}
}

func closed(u string) feeds.RecordPosting {
	return feeds.RecordPosting{URL: u, Status: feeds.Closed}
}

func TestCompare(t *testing.T) {
	const a, b, c = "https://x.org/fr/a/", "https://x.org/fr/b/", "https://x.org/fr/c/"
	tests := []struct {
		name      string
		prev      feeds.Record
		next      feeds.Record
		want      []Change
		unchanged int
	}{
		{"unchanged never sent", rec(open(a, "h1"), closed(b)), rec(open(a, "h1"), closed(b)), nil, 2},
		{"added", rec(), rec(open(a, "h1")), []Change{{a, Added}}, 0},
		{"changed", rec(open(a, "h1")), rec(open(a, "h2")), []Change{{a, Changed}}, 0},
		{"closed", rec(open(a, "h1")), rec(closed(a)), []Change{{a, Closed}}, 0},
		{"opened again", rec(closed(a)), rec(open(a, "h1")), []Change{{a, Changed}}, 0},
		{"removed while open", rec(open(a, "h1")), rec(), []Change{{a, Removed}}, 0},
		{"removed once closed", rec(closed(a)), rec(), []Change{{a, Removed}}, 0},
		{"first published closed", rec(), rec(closed(a)), nil, 1},
		{"filled jobs first", rec(open(a, "h"), open(b, "h"), open(c, "h")),
			rec(open("https://x.org/fr/0/", "h"), open(a, "h2"), closed(b)),
			[]Change{{c, Removed}, {b, Closed}, {a, Changed}, {"https://x.org/fr/0/", Added}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unchanged := Compare(tt.prev, tt.next)
			if !slices.Equal(got, tt.want) || unchanged != tt.unchanged {
				t.Errorf("Compare = %v, %d unchanged; want %v, %d", got, unchanged, tt.want, tt.unchanged)
			}
		})
	}
}
