package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

// hub hands each build's event to every connected event stream.
type hub struct {
	mu     sync.Mutex
	subs   map[chan []byte]struct{}
	closed bool
}

// subscribe registers a stream. The channel is closed when the server
// stops; cancel unregisters it.
func (h *hub) subscribe() (ch <-chan []byte, cancel func()) {
	c := make(chan []byte, 4)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(c)
		return c, func() {}
	}
	if h.subs == nil {
		h.subs = map[chan []byte]struct{}{}
	}
	h.subs[c] = struct{}{}
	return c, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.subs[c]; ok {
			delete(h.subs, c)
			close(c)
		}
	}
}

// publish never blocks the build: a stream whose queue is full already has
// events to deliver that make its page reload, so dropping one loses nothing.
func (h *hub) publish(ev []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- ev:
		default:
		}
	}
}

// close ends every stream, so that http.Server.Shutdown does not wait for
// connections that would otherwise never become idle.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.subs {
		close(c)
	}
	h.subs = nil
}

// event encodes the event of build n, its data as JSON on one "data:"
// field (see the package documentation). JSON writes every control
// character, CR and LF among them, as an escape (\n, \u001b): a problem
// line holding "\n\nevent: reload" or a lone "\r", which a browser takes
// for the end of a line, cannot end the field, add another or start an
// event.
func event(n int, name string, data any) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "id: %d\nevent: %s\ndata: ", n, name)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // read by a script, not put into a page
	if err := enc.Encode(data); err != nil {
		panic(err) // numbers and strings: a bug
	}
	// Encode ended the line; the blank line ends the event.
	b.WriteString("\n")
	return b.Bytes()
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "the event stream is read with GET", http.StatusMethodNotAllowed)
		return
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	events, cancel := s.hub.subscribe()
	defer cancel()

	// Subscribed before this first write: a client that has read it cannot
	// miss the next build. retry makes a browser reconnect quickly when
	// serve is restarted.
	fmt.Fprint(w, "retry: 1000\n: jobboard live reload\n\n")
	if last := r.Header.Get("Last-Event-ID"); last != "" {
		if cur := s.state.Load(); cur != nil && last != strconv.Itoa(cur.n) {
			w.Write(cur.event)
		}
	}
	if err := rc.Flush(); err != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if _, err := w.Write(ev); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}
