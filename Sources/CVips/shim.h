// libvips's calls take their options as NULL-terminated variadic arguments, which Swift cannot
// pass: each call bamaso makes is a fixed-argument function here. Only BamasoImages uses them.
//
// bamaso loads libvips when a build first works on an image (`bamaso_vips_start`), not when the
// program starts: linked in, libvips and the hundred libraries it needs cost every run about
// 20 MB and 30 ms, and most runs have no image to encode. So nothing here names a libvips, GLib
// or libwebp function directly (the headers give only types and constants): every call goes
// through `BAMASO_VIPS`, which finds the function in the loaded library, and the module map
// links nothing.
#include <vips/vips.h>
#include <webp/mux.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

// The function `name`, from libvips or a library it loaded; call only after a successful
// `bamaso_vips_start`.
#define BAMASO_VIPS(name) ((__typeof__(name) *) dlsym(RTLD_DEFAULT, #name))

static inline void bamaso_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {}

// What `dlopen` said when libvips could not be loaded; empty otherwise.
static inline const char *bamaso_vips_load_error(void) {
    const char *error = dlerror();
    return error ? error : "";
}

static inline int bamaso_vips_start(void) {
    // The soname of the libvips whose headers bamaso was built with: libvips.so.42.
    char name[64];
#ifdef __APPLE__
    // Homebrew's folders are not where dlopen looks by itself.
    const char *folders[] = { "", "/opt/homebrew/lib/", "/usr/local/lib/" };
    void *library = NULL;
    for (int i = 0; i < 3 && !library; i++) {
        snprintf(name, sizeof name, "%slibvips.%d.dylib", folders[i], VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
        library = dlopen(name, RTLD_NOW | RTLD_GLOBAL);
    }
    if (!library) return -1;
#else
    snprintf(name, sizeof name, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
    if (!dlopen(name, RTLD_NOW | RTLD_GLOBAL)) return -1;
#endif
    // As VIPS_INIT does: the library's ABI must be the headers'.
    if (BAMASO_VIPS(vips_version)(3) - BAMASO_VIPS(vips_version)(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE)
        return -1;
    if (BAMASO_VIPS(vips_init)("bamaso")) return -1;
    // A damaged file is reported by bamaso, with its name and the page that uses it; libvips's
    // own warnings would only print noise beside the report.
    BAMASO_VIPS(g_log_set_handler)("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, bamaso_vips_quiet, NULL);
    // No operation cache: a file replaced under the same name must be read again, and memory
    // stays bounded by the images being worked on.
    BAMASO_VIPS(vips_cache_set_max)(0);
    // bamaso encodes several images at once, one per core; each on one thread keeps that fair.
    BAMASO_VIPS(vips_concurrency_set)(1);
    return 0;
}

// The header only: no pixels are decoded.
static inline VipsImage *bamaso_vips_open_header(const char *path) {
    return BAMASO_VIPS(vips_image_new_from_file)(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

// The whole image, failing on damage or truncation rather than filling in grey.
static inline VipsImage *bamaso_vips_open_strict(const char *path) {
    return BAMASO_VIPS(vips_image_new_from_file)(path, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

static inline VipsImage *bamaso_vips_open_buffer(const void *data, size_t length) {
    return BAMASO_VIPS(vips_image_new_from_buffer)(data, length, "", "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

static inline int bamaso_vips_autorot(VipsImage *in, VipsImage **out) {
    return BAMASO_VIPS(vips_autorot)(in, out, NULL);
}

// At most `width` wide, any height; never enlarged.
static inline int bamaso_vips_shrink_to_width(VipsImage *in, VipsImage **out, int width) {
    return BAMASO_VIPS(vips_thumbnail_image)(
        in, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
}

// Exactly width x height, cropped around what draws the eye.
static inline int bamaso_vips_cover(VipsImage *in, VipsImage **out, int width, int height) {
    return BAMASO_VIPS(vips_thumbnail_image)(
        in, out, width, "height", height, "crop", VIPS_INTERESTING_ATTENTION, "size", VIPS_SIZE_BOTH, NULL);
}

static inline int bamaso_vips_flatten_white(VipsImage *in, VipsImage **out) {
    VipsArrayDouble *background = BAMASO_VIPS(vips_array_double_newv)(3, 255.0, 255.0, 255.0);
    int result = BAMASO_VIPS(vips_flatten)(in, out, "background", background, NULL);
    BAMASO_VIPS(vips_area_unref)(VIPS_AREA(background));
    return result;
}

// A copy without the metadata a photo carries: EXIF (GPS position, camera serial), XMP, IPTC,
// comments, the colour profile. The savers' `strip` is asked too, but libvips 8.14's WebP saver
// does not honour it.
static inline int bamaso_vips_without_metadata(VipsImage *in, VipsImage **out) {
    if (BAMASO_VIPS(vips_copy)(in, out, NULL)) return -1;
    gchar **fields = BAMASO_VIPS(vips_image_get_fields)(*out);
    for (int i = 0; fields[i]; i++) {
        const char *name = fields[i];
        if (!strncmp(name, "exif", 4) || !strncmp(name, "xmp", 3) || !strncmp(name, "iptc", 4)
            || strstr(name, "comment") || !strncmp(name, "icc-profile", 11)
            || !strncmp(name, "orientation", 11) || !strncmp(name, "gps", 3))
            BAMASO_VIPS(vips_image_remove)(*out, name);
    }
    BAMASO_VIPS(g_strfreev)(fields);
    return 0;
}

// Every save strips metadata: EXIF (GPS, camera serial), XMP, IPTC, comments.
// libvips 8.14's WebP saver writes an EXIF chunk (resolution, orientation) even when asked to
// strip: libwebp's own muxer takes the EXIF and XMP chunks out again.
static inline int bamaso_vips_webp(VipsImage *in, void **buffer, size_t *length, int quality) {
    void *saved = NULL;
    size_t saved_length = 0;
    if (BAMASO_VIPS(vips_webpsave_buffer)(in, &saved, &saved_length, "Q", quality, "strip", TRUE, NULL)) return -1;
    WebPData input = { saved, saved_length };
    WebPMux *mux = BAMASO_VIPS(WebPMuxCreateInternal)(&input, 0, WEBP_MUX_ABI_VERSION);
    if (!mux) {
        BAMASO_VIPS(g_free)(saved);
        BAMASO_VIPS(vips_error)("bamaso", "libwebp could not read the WebP that libvips wrote");
        return -1;
    }
    BAMASO_VIPS(WebPMuxDeleteChunk)(mux, "EXIF");
    BAMASO_VIPS(WebPMuxDeleteChunk)(mux, "XMP ");
    WebPData output = { NULL, 0 };
    WebPMuxError assembled = BAMASO_VIPS(WebPMuxAssemble)(mux, &output);
    BAMASO_VIPS(WebPMuxDelete)(mux);
    BAMASO_VIPS(g_free)(saved);
    if (assembled != WEBP_MUX_OK) {
        BAMASO_VIPS(vips_error)("bamaso", "libwebp could not write the WebP without metadata");
        return -1;
    }
    *buffer = BAMASO_VIPS(g_malloc)(output.size);
    memcpy(*buffer, output.bytes, output.size);
    *length = output.size;
    BAMASO_VIPS(WebPFree)((void *)output.bytes);
    return 0;
}

static inline int bamaso_vips_jpeg(VipsImage *in, void **buffer, size_t *length, int quality) {
    return BAMASO_VIPS(vips_jpegsave_buffer)(
        in, buffer, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE, NULL);
}

static inline int bamaso_vips_png(VipsImage *in, void **buffer, size_t *length) {
    return BAMASO_VIPS(vips_pngsave_buffer)(in, buffer, length, "strip", TRUE, "compression", 9, NULL);
}

// For tests and examples: a photo-like image (a gradient with noise) of the given size.
static inline int bamaso_vips_synthetic_photo(VipsImage **out, int width, int height, int bands) {
    VipsImage *noise = NULL, *ramp = NULL, *sum = NULL, *scaled = NULL, *joined = NULL;
    __typeof__(g_object_unref) *unref = BAMASO_VIPS(g_object_unref);
    int result = -1;
    if (BAMASO_VIPS(vips_gaussnoise)(&noise, width, height, "sigma", 8.0, "mean", 0.0, "seed", 7, NULL)) goto done;
    if (BAMASO_VIPS(vips_xyz)(&ramp, width, height, NULL)) goto done;
    VipsImage *bandsOf[2];
    if (BAMASO_VIPS(vips_extract_band)(ramp, &bandsOf[0], 0, NULL)) goto done;
    if (BAMASO_VIPS(vips_linear1)(bandsOf[0], &bandsOf[1], 200.0 / width, 30.0, NULL)) {
        unref(bandsOf[0]);
        goto done;
    }
    unref(bandsOf[0]);
    if (BAMASO_VIPS(vips_add)(bandsOf[1], noise, &sum, NULL)) { unref(bandsOf[1]); goto done; }
    unref(bandsOf[1]);
    if (BAMASO_VIPS(vips_cast_uchar)(sum, &scaled, NULL)) goto done;
    // A transparent image's alpha is smooth, as a logo's or a map's is: the ramp alone.
    VipsImage *alpha = NULL;
    if (BAMASO_VIPS(vips_cast_uchar)(ramp, &alpha, NULL)) goto done;
    VipsImage *alphaBand = NULL;
    if (BAMASO_VIPS(vips_extract_band)(alpha, &alphaBand, 1, NULL)) { unref(alpha); goto done; }
    unref(alpha);
    VipsImage *copies[4] = { scaled, scaled, scaled, alphaBand };
    int joinedResult = BAMASO_VIPS(vips_bandjoin)(copies, &joined, bands, NULL);
    unref(alphaBand);
    if (joinedResult) goto done;
    VipsInterpretation interpretation = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    if (BAMASO_VIPS(vips_copy)(joined, out, "interpretation", interpretation, NULL)) goto done;
    result = 0;
done:
    if (noise) unref(noise);
    if (ramp) unref(ramp);
    if (sum) unref(sum);
    if (scaled) unref(scaled);
    if (joined) unref(joined);
    return result;
}

static inline int bamaso_vips_set_orientation(VipsImage *in, VipsImage **out, int orientation) {
    if (BAMASO_VIPS(vips_copy)(in, out, NULL)) return -1;
    BAMASO_VIPS(vips_image_set_int)(*out, VIPS_META_ORIENTATION, orientation);
    return 0;
}

static inline int bamaso_vips_jpeg_keeping_metadata(VipsImage *in, void **buffer, size_t *length) {
    return BAMASO_VIPS(vips_jpegsave_buffer)(in, buffer, length, "Q", 90, NULL);
}

// The calls Swift makes itself.
static inline char *bamaso_vips_error_buffer_copy(void) { return BAMASO_VIPS(vips_error_buffer_copy)(); }
static inline void bamaso_vips_error_clear(void) { BAMASO_VIPS(vips_error_clear)(); }
static inline const char *bamaso_vips_find_load(const char *path) {
    return BAMASO_VIPS(vips_foreign_find_load)(path);
}
static inline const char *bamaso_vips_find_load_buffer(const void *data, size_t length) {
    return BAMASO_VIPS(vips_foreign_find_load_buffer)(data, length);
}
static inline VipsImage *bamaso_vips_copy_memory(VipsImage *image) {
    return BAMASO_VIPS(vips_image_copy_memory)(image);
}
static inline int bamaso_vips_width(const VipsImage *image) { return BAMASO_VIPS(vips_image_get_width)(image); }
static inline int bamaso_vips_height(const VipsImage *image) { return BAMASO_VIPS(vips_image_get_height)(image); }
static inline int bamaso_vips_has_alpha(VipsImage *image) { return BAMASO_VIPS(vips_image_hasalpha)(image); }
static inline int bamaso_vips_orientation(VipsImage *image) { return BAMASO_VIPS(vips_image_get_orientation)(image); }
static inline gchar **bamaso_vips_fields(VipsImage *image) { return BAMASO_VIPS(vips_image_get_fields)(image); }
static inline void bamaso_g_strfreev(gchar **strings) { BAMASO_VIPS(g_strfreev)(strings); }
static inline void bamaso_g_free(void *memory) { BAMASO_VIPS(g_free)(memory); }
static inline void bamaso_g_object_unref(void *object) { BAMASO_VIPS(g_object_unref)(object); }
