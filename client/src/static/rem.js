/*
 * Sets the root font size that H5 rem units are measured against (Taro's pxtransform:
 * 750-wide design, 1rem = 40 design px). It lives in a file, not inline in index.html,
 * so the server can keep a strict Content-Security-Policy (script-src 'self').
 * Keep MIN/MAX in step with h5.postcss.pxtransform.config in config/index.ts.
 */
(function (win) {
  var MIN = 20;
  var MAX = 24;
  function resize() {
    var el = win.document.documentElement;
    var rect = el.getBoundingClientRect();
    var sides = [rect.width, rect.height].filter(Boolean);
    var w = sides.length ? Math.min.apply(Math, sides) : 375;
    var size = (40 * w) / 750;
    el.style.fontSize = (size >= MAX ? MAX : size <= MIN ? MIN : size) + 'px';
  }
  win.addEventListener('resize', function () {
    resize();
    setTimeout(resize, 500);
  });
  resize();
})(window);
