package serve

import (
	"context"
	"errors"
	"fmt"
	"github.com/jobboard/jobboard/internal/content"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the folders of a site whose changes change the site.
var watched = []string{"content", "layouts", "assets"}

// watcher follows the site's folders, recursively, and collects the
// changed files until the build loop takes them.
type watcher struct {
	root string
	fsw  *fsnotify.Watcher
	log  io.Writer

	mu      sync.Mutex
	changed []string        // slash paths from root, in order, each once
	born    map[string]bool // those whose first event was their creation
	since   time.Time       // when the first of them was seen
}

// newWatcher watches root itself (to see content/, layouts/ or assets/
// appear, or be replaced as a whole) and every folder inside the watched
// ones; fsnotify watches one folder, not a tree.
func newWatcher(root string, log io.Writer) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fsw: fsw, log: log}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watched {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fsw.Close() }

// addTree watches dir and every folder below it, skipping hidden ones. A
// folder that is gone by the time it is walked is not an error: an editor
// or git may have removed it already, and its removal was an event too.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !e.IsDir() {
			return nil
		}
		if p != dir && ignored(e.Name()) {
			return fs.SkipDir
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("watch %s: %w", p, err)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// ignored reports whether a file name is one that editors and tools leave
// behind: hidden files (vim's .x.swp, emacs's .#x, .DS_Store), backups
// (x~), vim's probe file 4913, emacs's #x# and JetBrains' safe-write files.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		name == "4913",
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}

// run turns file events into rebuild signals on kick: one signal once no
// event has come for quiet. The build loop may be busy when the signal is
// due; kick holds one pending signal, which is all a busy builder needs.
func (w *watcher) run(ctx context.Context, quiet time.Duration, kick chan<- struct{}) {
	timer := time.NewTimer(quiet)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.note(ev) {
				timer.Reset(quiet)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// After an overflow, events were lost, maybe the creation of a
			// folder: watch the trees again and rebuild everything.
			fmt.Fprintln(w.log, "watch:", content.Printable(err.Error()))
			for _, d := range watched {
				if err := w.addTree(filepath.Join(w.root, d)); err != nil {
					fmt.Fprintln(w.log, "watch:", content.Printable(err.Error()))
				}
			}
			w.record(lostEvents, false)
			timer.Reset(quiet)
		case <-timer.C:
			select {
			case kick <- struct{}{}:
			default:
			}
		}
	}
}

// lostEvents stands in the changed files for every file, after an
// overflow of the watcher's events.
const lostEvents = "(every file: events were lost)"

// note records an event that may change the site and reports whether it
// did. Editors that save by renaming (write x.md.tmp, rename it over x.md,
// or move x.md to x.md~ and write a new x.md) need nothing special: the
// folder is watched, not the file, so the new file's events arrive like
// any other. A new folder is watched at once, with what it already holds.
func (w *watcher) note(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false // touch, Spotlight, backup tools: the bytes are the same
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	parts := strings.Split(rel, "/")
	if !slices.Contains(watched, parts[0]) {
		return false // public/, .git/, README.md: not the site's sources
	}
	for _, p := range parts[1:] {
		if ignored(p) {
			return false
		}
	}
	if ev.Has(fsnotify.Create) {
		// addTree finds nothing to add when the new entry is a file.
		if err := w.addTree(ev.Name); err != nil {
			// Most likely the system's limit of watches (fs.inotify.max_user_watches):
			// say so, since later changes in that folder will go unseen.
			fmt.Fprintln(w.log, "watch:", content.Printable(err.Error()))
		}
	}
	w.record(rel, ev.Has(fsnotify.Create))
	return true
}

func (w *watcher) record(rel string, created bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.changed) == 0 {
		w.since = time.Now()
		w.born = map[string]bool{}
	}
	if !slices.Contains(w.changed, rel) {
		w.changed = append(w.changed, rel)
		w.born[rel] = created
	}
}

// take returns the changes recorded since the last take, and when the
// first of them was seen. It leaves out files that were created and are
// gone again, the temporary files of tools that save by renaming (sed -i's
// sedXXXXXX, an editor's x.md.tmp): they never were part of the site. When
// nothing else changed, there is nothing to rebuild and changed is empty.
func (w *watcher) take() (changed []string, since time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, rel := range w.changed {
		if w.born[rel] {
			if _, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel))); errors.Is(err, fs.ErrNotExist) {
				continue
			}
		}
		changed = append(changed, rel)
	}
	since = w.since
	w.changed, w.born, w.since = nil, nil, time.Time{}
	return changed, since
}
