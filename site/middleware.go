package site

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// contentSecurityPolicy allows nothing but the site's own files: no inline
// script or style, no frames, forms only to the site.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// setSecurityHeaders sets the headers every response carries.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

// logRequests logs one line per request: 5xx as errors, other 4xx as
// warnings, 404 and successes at info (successes at debug for static files).
// The query string is not logged: searches may name people or cases.
func (srv *server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	attrs := []slog.Attr{
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", status),
		slog.Int("bytes", c.Writer.Size()),
		slog.Duration("duration", time.Since(start)),
		slog.String("client", c.ClientIP()),
	}
	if len(c.Errors) > 0 {
		attrs = append(attrs, slog.String("error", c.Errors.Last().Error()))
	}
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelError
	case status >= 400 && status != http.StatusNotFound:
		level = slog.LevelWarn
	case status < 400 && strings.HasPrefix(c.Request.URL.Path, "/static/"):
		level = slog.LevelDebug
	}
	srv.log.LogAttrs(c.Request.Context(), level, "requête", attrs...)
}

// recoverPanic turns a panic in a handler into a logged error and a clean
// French 500 page. http.ErrAbortHandler is passed on, as net/http expects.
func (srv *server) recoverPanic(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v)
		}
		srv.log.Error("panique dans un gestionnaire",
			slog.String("path", c.Request.URL.Path),
			slog.Any("panic", v),
			slog.String("stack", string(debug.Stack())))
		if c.Writer.Written() {
			c.Abort()
			return
		}
		err := fmt.Errorf("panique : %v", v)
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			srv.serveJSONError(c, err)
		} else {
			srv.serveHTMLError(c, err)
		}
		c.Abort()
	}()
	c.Next()
}
