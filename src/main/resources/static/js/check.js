// The /check page's live progress. Without this script the form posts to /check and the answer is the
// result; with it, the same form (its CSRF token included) is posted to /check/progress, which answers with
// server-sent events read through fetch() (EventSource cannot POST): the MX addresses, each address's step
// as the collector reports it, then the result, which takes the form's place. An answer that is not an
// event stream (the form refused with its reason, a rate-limit page, the login page) replaces the page.
// It also sizes the report's frame to its content (the frame is same-origin, and runs no script itself).
(function () {
  'use strict';

  function init() {
    sizeReports(document);
    var form = document.getElementById('check-form');
    if (!form || !form.dataset.progress || !window.fetch || !window.TextDecoder || !window.ReadableStream) {
      return;
    }
    form.addEventListener('submit', function (event) {
      if (!form.checkValidity()) {
        return;
      }
      event.preventDefault();
      run(form);
    });
  }

  function run(form) {
    // The page's words, in its language: the form's data-text-* attributes (templates/check.html), {name} filled here.
    function say(key, values) {
      return (form.dataset['text' + key.charAt(0).toUpperCase() + key.slice(1)] || key)
        .replace(/\{([A-Za-z]+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
    }
    var button = form.querySelector('button[type=submit]');
    var progress = document.getElementById('progress');
    var status = document.getElementById('progress-status');
    var rows = progress.querySelector('tbody');
    var finished = false;
    button.disabled = true;
    rows.textContent = '';
    status.textContent = say('dns');
    document.getElementById('progress-domain').textContent = form.elements.domain.value + '…';
    showError(null);
    progress.hidden = false;
    progress.scrollIntoView({ block: 'start' });

    var handlers = {
      mx: function (data) {
        data.endpoints.forEach(function (endpoint) { row(rows, endpoint); });
        if (data.endpoints.length > 0) {
          status.textContent = say(data.endpoints.length === 1 ? 'probingOne' : 'probing', { count: data.endpoints.length });
        } else {
          status.textContent = data.error ? say('mxFailed', { error: data.error }) : say('noAddress');
        }
      },
      endpoint: function (data) {
        row(rows, data);
        var open = rows.querySelectorAll('.step.waiting, .step.running').length;
        if (open === 0) {
          status.textContent = say('judging');
        } else if (data.state !== 'waiting' && data.state !== 'running') {
          // The status line is what a screen reader announces: an address's end, not each of its steps.
          status.textContent = say(rows.rows.length === 1 ? 'countOne' : 'count',
            { count: rows.rows.length, done: rows.rows.length - open });
        }
      },
      result: function (data) {
        finished = true;
        var main = document.querySelector('main');
        document.title = data.title;
        document.body.classList.add('wide');
        main.innerHTML = data.html;
        sizeReports(main);
        // The page is still /check: the switcher goes to the result's permalink instead, in the other language.
        var permalink = main.querySelector('#permalink-link');
        if (permalink) {
          Array.prototype.forEach.call(document.querySelectorAll('.languages a'), function (language) {
            language.href = permalink.getAttribute('href') + '?lang=' + language.getAttribute('hreflang');
          });
        }
        var heading = main.querySelector('h1');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        }
      },
      failure: function (data) {
        finished = true;
        stop(data.message);
      }
    };

    function stop(message) {
      button.disabled = false;
      progress.hidden = true;
      showError(message);
    }

    fetch(form.dataset.progress, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
      headers: { 'Accept': 'text/event-stream, text/html;q=0.9' }
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (type.indexOf('text/event-stream') !== 0) {
        return response.text().then(replacePage);
      }
      return readEvents(response.body, function (name, data) {
        if (handlers[name]) {
          handlers[name](data);
        }
      }).then(function () {
        if (!finished) {
          stop(say('ended'));
        }
      });
    }).catch(function (error) {
      stop(say('lost', { error: error.message }));
    });
  }

  // One table row per MX address, updated in place: the host and its address, then the step it is in.
  function row(rows, endpoint) {
    var tr = null;
    Array.prototype.forEach.call(rows.rows, function (r) {
      if (r.dataset.id === endpoint.id) {
        tr = r;
      }
    });
    if (!tr) {
      tr = rows.insertRow();
      tr.dataset.id = endpoint.id;
      var where = tr.insertCell();
      where.textContent = endpoint.host;
      var address = document.createElement('small');
      address.className = 'muted';
      address.textContent = endpoint.address + ' (' + endpoint.family + ')';
      where.appendChild(document.createElement('br'));
      where.appendChild(address);
      tr.insertCell();
    }
    var cell = tr.cells[1];
    cell.textContent = '';
    var step = document.createElement('span');
    step.className = 'step ' + endpoint.state;
    step.textContent = endpoint.step;
    cell.appendChild(step);
    if (endpoint.detail) {
      var detail = document.createElement('small');
      detail.className = 'muted';
      detail.textContent = endpoint.detail;
      cell.appendChild(document.createElement('br'));
      cell.appendChild(detail);
    }
  }

  // Server-sent events from a fetch body: blocks separated by a blank line, "event:" and "data:" fields.
  function readEvents(body, onEvent) {
    var reader = body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          return;
        }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, '\n');
        var blocks = buffer.split('\n\n');
        buffer = blocks.pop();
        blocks.forEach(function (block) {
          var name = 'message';
          var data = [];
          block.split('\n').forEach(function (line) {
            if (line.indexOf('event:') === 0) {
              name = line.slice(6).trim();
            } else if (line.indexOf('data:') === 0) {
              data.push(line.slice(5).replace(/^ /, ''));
            }
          });
          if (data.length > 0) {
            onEvent(name, JSON.parse(data.join('\n')));
          }
        });
        return pump();
      });
    }
    return pump();
  }

  // The server answered with a page (the form and its error, a limit, the login): show it as it is.
  function replacePage(html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    document.title = page.title;
    document.body.replaceWith(document.adoptNode(page.body));
    init();
  }

  function showError(message) {
    var notice = document.getElementById('form-error');
    if (!message) {
      if (notice) {
        notice.remove();
      }
      return;
    }
    if (!notice) {
      notice = document.createElement('p');
      notice.id = 'form-error';
      notice.className = 'notice error';
      notice.setAttribute('role', 'alert');
      var form = document.getElementById('check-form');
      form.parentNode.insertBefore(notice, form);
    }
    notice.textContent = message;
  }

  // The report frame as tall as the report, again whenever that changes (a <details> opens or closes, the
  // frame gets narrower or wider).
  function sizeReports(root) {
    Array.prototype.forEach.call(root.querySelectorAll('iframe.report'), function (frame) {
      function fit() {
        var doc = frame.contentDocument;
        if (doc && doc.body) {
          // The body's own height: it follows the content only (the report's body has no margin), where the
          // document's scroll height never drops below the frame's current height.
          var border = frame.offsetHeight - frame.clientHeight;
          frame.style.height = Math.ceil(doc.body.getBoundingClientRect().height) + border + 'px';
        }
      }
      function watch() {
        var doc = frame.contentDocument;
        if (doc && doc.documentElement) {
          // The frame grows with the report: a scrollbar of its own would only take width and add height.
          doc.documentElement.style.overflow = 'hidden';
        }
        fit();
        if (doc) {
          doc.addEventListener('toggle', fit, true);
        }
      }
      frame.addEventListener('load', watch);
      if (document.readyState === 'complete') {
        reveal(frame);
      } else {
        window.addEventListener('load', function () { window.setTimeout(function () { reveal(frame); }, 0); });
      }
      window.addEventListener('hashchange', function () { reveal(frame); });
      if (frame.contentDocument && frame.contentDocument.readyState === 'complete') {
        watch();
      }
      // A narrower frame (the window turns, the page's own scrollbar appears) makes a taller report.
      var width = frame.clientWidth;
      if (window.ResizeObserver) {
        new ResizeObserver(function () {
          if (frame.clientWidth !== width) {
            width = frame.clientWidth;
            fit();
          }
        }).observe(frame);
      } else {
        window.addEventListener('resize', fit);
      }
    });
  }

  // A permalink's #finding-… or #endpoint-… names a section of the report, which is inside the frame: once
  // everything has loaded (the frame, and the browser's own look for the fragment in the page), or when the
  // fragment changes, the page scrolls to it (the frame has no scrollbar of its own) and outlines it.
  function reveal(frame) {
    var id = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : '';
    var target = id && frame.contentDocument && frame.contentDocument.getElementById(id);
    if (target) {
      window.scrollTo(0, frame.getBoundingClientRect().top + window.scrollY + target.getBoundingClientRect().top);
      target.style.outline = '2px solid #0b5cad';
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
