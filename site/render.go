package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// gzipMin is the smallest body worth compressing.
const gzipMin = 1024

// render executes a page template into a buffer and writes it, so a
// template error becomes a clean 500 page, never half a page.
func (srv *server) render(c *gin.Context, status int, name string, data any) {
	var buf bytes.Buffer
	if err := srv.tmpl.execute(&buf, name, data); err != nil {
		srv.log.Error("rendu de page", slog.String("template", name), slog.Any("err", err))
		_ = c.Error(err)
		if name != "error" {
			buf.Reset()
			p := &errorPage{basePage: srv.base(c, errorTitle(http.StatusInternalServerError)),
				Status: http.StatusInternalServerError, Message: internalMessage}
			if err := srv.tmpl.execute(&buf, "error", p); err == nil {
				srv.write(c, http.StatusInternalServerError, "text/html; charset=utf-8", buf.Bytes())
				return
			}
		}
		srv.write(c, http.StatusInternalServerError, "text/plain; charset=utf-8", []byte(internalMessage+"\n"))
		return
	}
	srv.write(c, status, "text/html; charset=utf-8", buf.Bytes())
}

// writeJSON encodes v into a buffer and writes it. encoding/json escapes
// <, > and & so a reflected query is inert even if sniffed as HTML.
func (srv *server) writeJSON(c *gin.Context, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		srv.log.Error("encodage JSON", slog.Any("err", err))
		_ = c.Error(err)
		status = http.StatusInternalServerError
		b, _ = json.Marshal(map[string]string{"error": internalMessage})
	}
	b = append(b, '\n')
	srv.write(c, status, "application/json; charset=utf-8", b)
}

// write sends a complete body, gzipped when the client accepts it and it is
// worth it: pages of legal text shrink four- to fivefold on slow links.
func (srv *server) write(c *gin.Context, status int, contentType string, body []byte) {
	h := c.Writer.Header()
	h.Add("Vary", "Accept-Encoding")
	if len(body) >= gzipMin && acceptsGzip(c.Request) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		if _, err := zw.Write(body); err == nil && zw.Close() == nil {
			h.Set("Content-Encoding", "gzip")
			body = buf.Bytes()
		}
	}
	c.Data(status, contentType, body)
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
