package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

//go:embed static
var staticFS embed.FS

// staticFile is one embedded asset, with its ETag and a gzipped copy.
type staticFile struct {
	body, gz    []byte
	contentType string
	hash        string // first 16 hex digits of the SHA-256 of body
}

// staticFiles are the embedded assets by file name.
type staticFiles struct {
	files map[string]*staticFile
}

// contentTypes are the asset types the site ships.
var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
	".txt": "text/plain; charset=utf-8",
}

// loadStatic reads the embedded assets once, hashing and gzipping each.
func loadStatic() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]*staticFile{}}
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		ct, ok := contentTypes[path.Ext(name)]
		if !ok {
			return nil, fmt.Errorf("%s: type de fichier inconnu", name)
		}
		body, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		f := &staticFile{body: body, contentType: ct, hash: hex.EncodeToString(sum[:8])}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := zw.Write(body); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		if buf.Len() < len(body) {
			f.gz = buf.Bytes()
		}
		sf.files[name] = f
	}
	return sf, nil
}

// url returns the versioned address of an asset: /static/NAME?v=HASH. A
// versioned address may be cached for a year, since a new content gets a
// new address. It panics on an unknown name, caught by the template test.
func (sf *staticFiles) url(name string) string {
	f, ok := sf.files[name]
	if !ok {
		panic("site: no static file " + name)
	}
	return "/static/" + name + "?v=" + f.hash
}

// handleStatic serves an embedded asset with Cache-Control and an ETag
// (hash of the content), answering 304 to a matching If-None-Match.
func (srv *server) handleStatic(c *gin.Context) {
	f, ok := srv.static.files[c.Param("file")]
	if !ok {
		srv.serveHTMLError(c, notFound("aucun fichier statique à cette adresse"))
		return
	}
	h := c.Writer.Header()
	body, etag := f.body, `"`+f.hash+`"`
	useGzip := f.gz != nil && acceptsGzip(c.Request)
	if useGzip {
		body, etag = f.gz, `"`+f.hash+`-gz"`
	}
	h.Set("ETag", etag)
	h.Add("Vary", "Accept-Encoding")
	if c.Query("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	if etagMatch(c.GetHeader("If-None-Match"), f.hash) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	if useGzip {
		h.Set("Content-Encoding", "gzip")
	}
	c.Data(http.StatusOK, f.contentType, body)
}

// etagMatch reports whether an If-None-Match header names the content with
// that hash, gzipped or not (weak comparison, as RFC 9110 asks for GET).
func etagMatch(header, hash string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" {
			return true
		}
		t = strings.TrimPrefix(t, "W/")
		t = strings.Trim(t, `"`)
		if t == hash || t == hash+"-gz" {
			return true
		}
	}
	return false
}
