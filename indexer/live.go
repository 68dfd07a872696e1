package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"lextraite/corpus"
)

// LiveCheckInterval is how often, at most, a Live looks at dir/current.
const LiveCheckInterval = time.Second

// errLiveClosed is returned by the searches of a closed Live.
var errLiveClosed = errors.New("indexer: index fermé")

// Live serves the current generation of an index directory and follows
// dir/current: when a Build switches it, the next call (at most once per
// LiveCheckInterval, by a readlink) opens the new generation and uses it
// for new searches; the old one is closed once its in-flight searches have
// finished. If the new generation cannot be opened the old one keeps
// serving and the check is retried later. Live has the methods of Index
// and is safe for concurrent use.
type Live struct {
	dir      string
	interval time.Duration

	lastCheck atomic.Int64 // UnixNano of the last look at dir/current
	reloading sync.Mutex   // one reload at a time

	mu     sync.RWMutex
	cur    *liveGen
	closed bool

	retired sync.WaitGroup // closings of old generations in progress
	lastErr atomic.Pointer[error]

	cacheSize int // responses kept per generation (0: none); under mu
}

// liveGen is an opened generation and its in-flight users.
type liveGen struct {
	ix    *Index
	users sync.WaitGroup
	// cache holds the responses of recent requests to this generation
	// (nil: no cache), like Solr's queryResultCache: a new generation
	// starts with an empty one.
	cache *lru.Cache[string, *Response]
}

func newLiveGen(ix *Index, cacheSize int) *liveGen {
	g := &liveGen{ix: ix}
	if cacheSize > 0 {
		g.cache, _ = lru.New[string, *Response](cacheSize)
	}
	return g
}

// SetCacheSize keeps the responses of the last n distinct requests of each
// generation in memory (n ≤ 0: none, the default of OpenLive) and serves a
// repeated request from them; a switch to a new generation empties it.
func (l *Live) SetCacheSize(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cacheSize = max(n, 0)
	if l.cur != nil {
		l.cur.cache = newLiveGen(nil, l.cacheSize).cache
	}
}

// OpenLive opens the current generation of dir, as Open does (the error
// wraps ErrNoIndex when there is none), and follows dir/current afterwards.
func OpenLive(dir string) (*Live, error) {
	ix, err := Open(dir)
	if err != nil {
		return nil, err
	}
	l := &Live{dir: dir, interval: LiveCheckInterval, cur: newLiveGen(ix, 0)}
	l.lastCheck.Store(time.Now().UnixNano())
	return l, nil
}

// acquire returns the generation to use, counted as in use until release;
// nil after Close.
func (l *Live) acquire() *liveGen {
	l.maybeReload()
	l.mu.RLock()
	defer l.mu.RUnlock()
	g := l.cur
	if g != nil {
		g.users.Add(1) // under RLock: never after retire's Wait has begun
	}
	return g
}

func (g *liveGen) release() { g.users.Done() }

// maybeReload switches to the generation dir/current names, if it changed
// and the last check is older than the interval.
func (l *Live) maybeReload() {
	now := time.Now().UnixNano()
	last := l.lastCheck.Load()
	if now-last < int64(l.interval) || !l.lastCheck.CompareAndSwap(last, now) {
		return
	}
	l.Reload()
}

// Reload looks at dir/current now and switches to it if it names another
// generation than the one in use. It returns the error of opening the new
// generation (the old one keeps serving), nil if there was nothing to do.
func (l *Live) Reload() error {
	l.reloading.Lock()
	defer l.reloading.Unlock()
	name, err := currentGen(l.dir)
	if err != nil {
		l.lastErr.Store(&err)
		return err
	}
	l.mu.RLock()
	closed, same := l.closed, l.cur != nil && l.cur.ix.gen == name
	l.mu.RUnlock()
	if closed || same {
		l.lastErr.Store(nil)
		return nil
	}
	ix, err := openGen(l.dir, name)
	if err != nil {
		l.lastErr.Store(&err)
		return err
	}
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		ix.Close()
		return nil
	}
	old := l.cur
	l.cur = newLiveGen(ix, l.cacheSize)
	l.mu.Unlock()
	l.lastErr.Store(nil)
	l.retire(old)
	return nil
}

// retire closes g once its users are done.
func (l *Live) retire(g *liveGen) {
	if g == nil {
		return
	}
	l.retired.Add(1)
	go func() {
		defer l.retired.Done()
		g.users.Wait()
		g.ix.Close()
	}()
}

// LastError returns the last error met while following dir/current (nil if
// none), for health checks.
func (l *Live) LastError() error {
	if p := l.lastErr.Load(); p != nil {
		return *p
	}
	return nil
}

// Search runs r on the current generation; see Index.Search. After
// SetCacheSize, a request already answered by this generation is answered
// from its cache (Response.Cached).
func (l *Live) Search(ctx context.Context, r Request) (*Response, error) {
	g := l.acquire()
	if g == nil {
		return nil, errLiveClosed
	}
	defer g.release()
	if g.cache == nil {
		return g.ix.Search(ctx, r)
	}
	start := time.Now()
	kb, _ := json.Marshal(&r)
	key := string(kb)
	if resp, ok := g.cache.Get(key); ok {
		out := *resp // callers may set fields of their copy, not of the cached one
		out.TookMS = float64(time.Since(start).Microseconds()) / 1000
		out.Cached = true
		return &out, nil
	}
	resp, err := g.ix.Search(ctx, r)
	if err == nil {
		g.cache.Add(key, resp)
		out := *resp
		resp = &out
	}
	return resp, err
}

// Document returns a document of the current generation; see
// Index.Document.
func (l *Live) Document(id string) (*corpus.Document, bool) {
	g := l.acquire()
	if g == nil {
		return nil, false
	}
	defer g.release()
	return g.ix.Document(id)
}

// Documents returns the documents of the current generation; see
// Index.Documents.
func (l *Live) Documents() []*corpus.Document {
	g := l.acquire()
	if g == nil {
		return nil
	}
	defer g.release()
	return g.ix.Documents()
}

// Stats returns the statistics of the current generation.
func (l *Live) Stats() Stats {
	g := l.acquire()
	if g == nil {
		return Stats{}
	}
	defer g.release()
	return g.ix.Stats()
}

// Generation returns the name of the generation in use ("" after Close).
func (l *Live) Generation() string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.cur == nil {
		return ""
	}
	return l.cur.ix.gen
}

// Close stops following dir/current and closes the generation in use once
// its searches have finished, waiting for them. Later searches fail.
func (l *Live) Close() error {
	l.reloading.Lock()
	l.mu.Lock()
	g := l.cur
	l.cur, l.closed = nil, true
	l.mu.Unlock()
	l.reloading.Unlock()
	var err error
	if g != nil {
		g.users.Wait()
		err = g.ix.Close()
	}
	l.retired.Wait()
	return err
}
