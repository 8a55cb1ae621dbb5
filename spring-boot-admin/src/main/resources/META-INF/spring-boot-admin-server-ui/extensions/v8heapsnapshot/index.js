/*
 * "Heap snapshots": a Spring Boot Admin instance view for the v8heapsnapshot actuator endpoint.
 *
 * SBA's UI loads this file as a classic script after exposing its Vue runtime (globalThis.Vue)
 * and its extension API (globalThis.SBA), so it is plain JavaScript with render functions and
 * SBA's global components: no build step. Every request goes through SBA's per-instance proxy
 * (instance.axios, base URL instances/{id}); the synchronous GET that takes a snapshot is never
 * used, only POST and polling, so SBA's proxy timeout does not matter here.
 */
(function () {
  'use strict';

  const { h, reactive, computed, onMounted, onBeforeUnmount, resolveComponent } = globalThis.Vue;

  const ENDPOINT = 'actuator/v8heapsnapshot';
  const JSON_ONLY = { Accept: 'application/json' };
  const POLL_MILLIS = 1000;
  const TOP = 15;

  const messages = {
    label: 'Heap snapshots',
    title: 'Heap snapshots',
    live: 'Live objects only (full GC first)',
    take: 'Take snapshot',
    taking: 'Taking a snapshot…',
    refresh: 'Refresh',
    empty: 'No snapshots stored yet.',
    warnSensitive: 'A heap snapshot holds everything the application holds: passwords, tokens, personal data. Handle it with care.',
    warnCost: 'Taking one pauses the application for the heap dump and uses CPU and disk space while it converts.',
    notExposed: 'This instance does not expose the v8heapsnapshot endpoint{status}. Add v8heapsnapshot-spring-boot-starter to it, and set management.endpoints.web.exposure.include=v8heapsnapshot and management.endpoint.v8heapsnapshot.access=read-only or unrestricted.',
    readOnly: 'Read-only access: you can list, summarize and download the stored snapshots. Taking and deleting need management.endpoint.v8heapsnapshot.access=unrestricted on the instance.',
    busy: 'Another snapshot is in progress since {since}: {name}',
    failed: 'The snapshot {name} failed: {failure}',
    requestFailed: '{action} failed: HTTP {status} {message}',
    unsupported: 'This instance\'s v8heapsnapshot starter computes no summaries or comparisons (HTTP {status}): update it to 0.2.0 or later.',
    phase: { dump: 'Dumping the heap', index: 'Indexing the dump', link: 'Linking objects', write: 'Writing the snapshot' },
    column: {
      name: 'Name', created: 'Created', trigger: 'Trigger', live: 'Live', sizes: 'HPROF → snapshot', nodes: 'Nodes',
      times: 'Dump + conversion', compare: 'Compare', className: 'Class', count: 'Count', shallow: 'Shallow size',
      retained: 'Retained size', retainer: 'Retainer', path: 'Path from the GC roots', value: 'String',
      wasted: 'Wasted', baseCount: 'Count before', countDelta: 'Δ count', shallowDelta: 'Δ shallow', retainedDelta: 'Δ retained',
    },
    yes: 'yes', no: 'no',
    inProgress: 'in progress',
    stateFailed: 'failed',
    summary: 'Summary',
    download: 'Download',
    delete: 'Delete',
    confirmDelete: 'Delete it?',
    summaryOf: 'Summary of {name}',
    summaryPending: 'Computing the summary…',
    summaryUnavailable: 'No summary for this snapshot: {reason}',
    totals: '{objects} objects, {shallow} in {nodes} nodes and {edges} edges',
    filter: 'Filter by class',
    byRetained: 'Top classes by retained size',
    byCount: 'Top classes by count',
    retainers: 'Top retainers',
    duplicatedStrings: 'Duplicated strings',
    compareHint: 'Tick two snapshots to see what grew between them.',
    compareButton: 'Compare the two ticked snapshots',
    diffOf: 'Growth from {base} to {name}',
    diffPending: 'Computing the difference…',
    noGrowth: 'No class grew.',
    devtoolsTitle: 'Open a snapshot in Chrome DevTools',
    devtools: 'Download it, open DevTools on any page (F12), go to the Memory tab, click "Load profile…" and pick the file. The Summary lists the classes with counts, shallow and retained sizes; select an object to see its retainers.',
  };

  // Messages are formatted here rather than by vue-i18n: SBA may ship its runtime without the
  // message compiler, which placeholders would need.
  function t(key, parameters) {
    const message = key.split('.').reduce((node, part) => (node ? node[part] : undefined), messages);
    return String(message === undefined ? key : message)
      .replace(/\{(\w+)\}/g, (placeholder, name) => (parameters && parameters[name] !== undefined ? String(parameters[name]) : placeholder));
  }

  const numberFormat = new Intl.NumberFormat();
  const count = (value) => (value === undefined || value === null ? '–' : numberFormat.format(value));
  const signed = (value, format) => (value > 0 ? '+' : '') + format(value);

  function bytes(value) {
    if (value === undefined || value === null) return '–';
    const magnitude = Math.abs(value);
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let unit = 0;
    let scaled = magnitude;
    while (scaled >= 1000 && unit < units.length - 1) {
      scaled /= 1000;
      unit++;
    }
    const digits = unit === 0 || scaled >= 100 ? 0 : 1;
    return `${value < 0 ? '-' : ''}${scaled.toFixed(digits)} ${units[unit]}`;
  }

  function millis(value) {
    if (value === undefined || value === null) return '–';
    return value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`;
  }

  const timestamp = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

  const statusOf = (error) => (error && error.response ? error.response.status : 0);

  function describe(action, error) {
    const data = error && error.response ? error.response.data : null;
    const message = data && typeof data === 'object' ? (data.message || data.error || '') : '';
    return t('requestFailed', { action, status: statusOf(error) || '–', message: message || (error ? error.message : '') });
  }

  // An older starter answers an array, the current one {"snapshots": [...]}
  const snapshotsOf = (data) => (Array.isArray(data) ? data : (data && data.snapshots) || []);

  const isRunning = (snapshot) => snapshot.state === 'in-progress';

  // Class and file names break after their dots rather than anywhere
  function mono(text) {
    const parts = String(text).split(/(?<=[.$/])/);
    return h('span', { class: 'v8hs-mono' }, parts.flatMap((part, index) => (index === 0 ? [part] : [h('wbr'), part])));
  }

  function alert(kind, text, testId) {
    return h('div', { class: `v8hs-alert v8hs-alert-${kind}`, role: 'alert', 'data-v8hs': testId }, text);
  }

  function table(testId, columns, rows, cells) {
    return h('table', { class: 'table table-full table-sm v8hs-table', 'data-v8hs': testId }, [
      h('thead', h('tr', columns.map((column) => h('th', { class: column.numeric ? 'v8hs-number' : null }, column.label)))),
      h('tbody', rows.map((row, index) => h('tr', { key: index }, cells(row).map((cell, column) =>
        h('td', { class: columns[column].numeric ? 'v8hs-number' : null }, cell))))),
    ]);
  }

  /**
   * Fetches a summary or a diff, polling while the endpoint answers 202 (pending). Resolves to
   * {data} or {unsupported: status} when the starter lacks the operation (404, 405, 406).
   */
  function pollAnalysis(instance, path, cancelled) {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        if (cancelled()) return;
        instance.axios.get(`${ENDPOINT}/${path}`, { headers: JSON_ONLY, suppressToast: true })
          .then((response) => {
            if (response.status === 202) setTimeout(attempt, POLL_MILLIS);
            else resolve({ data: response.data });
          })
          .catch((error) => ([404, 405, 406].includes(statusOf(error))
            ? resolve({ unsupported: statusOf(error) }) : reject(error)));
      };
      attempt();
    });
  }

  function progressBar(snapshot) {
    const progress = snapshot.progress || {};
    const percent = Math.max(0, Math.min(100, progress.percent || 0));
    const phase = messages.phase[progress.phase] ? t(`phase.${progress.phase}`) : (progress.phase || t('taking'));
    const details = [`${percent} %`];
    if (progress.bytesWritten) details.push(bytes(progress.bytesWritten));
    if (progress.elapsedMillis !== undefined) details.push(millis(progress.elapsedMillis));
    return h('div', { class: 'v8hs-progress', 'data-v8hs': 'progress', 'data-phase': progress.phase || '',
      'data-percent': percent }, [
      h('div', { class: 'v8hs-progress-label' }, [h('span', phase), h('span', { class: 'v8hs-muted' }, details.join(' · '))]),
      h('div', { class: 'v8hs-progress-track', role: 'progressbar', 'aria-valuenow': percent, 'aria-valuemin': 0,
        'aria-valuemax': 100 }, h('div', { class: 'v8hs-progress-fill', style: { width: `${percent}%` } })),
      h('div', { class: 'v8hs-muted' }, mono(snapshot.name)),
    ]);
  }

  const byClass = (rows, filter) => (rows || []).filter((row) => row.name.toLowerCase().includes(filter.trim().toLowerCase()));

  function filterInput(filter, onFilter) {
    return h('input', { type: 'search', class: 'v8hs-filter', placeholder: t('filter'), value: filter, 'data-v8hs': 'filter',
      onInput: (event) => onFilter(event.target.value) });
  }

  function summaryView(summary, filter, onFilter) {
    if (summary.state === 'unavailable') return alert('warn', t('summaryUnavailable', { reason: summary.reason || '' }), 'summary-unavailable');
    const classes = byClass(summary.classes, filter);
    const byCount = [...classes].sort((a, b) => b.count - a.count).slice(0, TOP);
    const totals = summary.totals || {};
    const classColumns = [{ label: t('column.className') }, { label: t('column.count'), numeric: true },
      { label: t('column.shallow'), numeric: true }, { label: t('column.retained'), numeric: true }];
    const classCells = (row) => [mono(row.name), count(row.count), bytes(row.shallowBytes), bytes(row.retainedBytes)];
    return h('div', { class: 'v8hs-summary', 'data-v8hs': 'summary' }, [
      h('p', { class: 'v8hs-muted' }, t('totals', { objects: count(totals.objects), shallow: bytes(totals.shallowBytes),
        nodes: count(totals.nodes), edges: count(totals.edges) })),
      filterInput(filter, onFilter),
      h('div', { class: 'v8hs-grid' }, [
        h('section', [h('h4', t('byRetained')), table('classes-by-retained', classColumns, classes.slice(0, TOP), classCells)]),
        h('section', [h('h4', t('byCount')), table('classes-by-count', classColumns, byCount, classCells)]),
      ]),
      h('h4', t('retainers')),
      table('retainers', [{ label: t('column.retainer') }, { label: t('column.retained'), numeric: true }, { label: t('column.path') }],
        (summary.retainers || []).slice(0, TOP), (row) => [mono(row.name), bytes(row.retainedBytes),
          h('span', { class: 'v8hs-path' }, (row.path || []).map((step, index) => h('span', { key: index }, [
            index > 0 ? h('span', { class: 'v8hs-edge' }, step.edge ? ` —${step.edge}→ ` : ' → ') : null,
            mono(step.node)])))]),
      h('h4', t('duplicatedStrings')),
      table('duplicated-strings', [{ label: t('column.value') }, { label: t('column.count'), numeric: true },
        { label: t('column.wasted'), numeric: true }], (summary.duplicatedStrings || []).slice(0, TOP),
        (row) => [h('span', { class: 'v8hs-mono v8hs-string' }, JSON.stringify(row.value)), count(row.count), bytes(row.wastedBytes)]),
    ]);
  }

  function diffView(diff, filter, onFilter) {
    const grown = byClass(diff.classes, filter).filter((row) => row.countDelta > 0 || row.shallowBytesDelta > 0).slice(0, 2 * TOP);
    return h('div', [filterInput(filter, onFilter), grown.length === 0 ? h('p', { 'data-v8hs': 'diff' }, t('noGrowth')) : table('diff', [{ label: t('column.className') }, { label: t('column.baseCount'), numeric: true },
      { label: t('column.count'), numeric: true }, { label: t('column.countDelta'), numeric: true },
      { label: t('column.shallowDelta'), numeric: true }, { label: t('column.retainedDelta'), numeric: true }], grown,
    (row) => [mono(row.name), count(row.baseCount), count(row.count),
      signed(row.countDelta, count), signed(row.shallowBytesDelta, bytes),
      row.retainedBytesDelta === undefined ? '–' : signed(row.retainedBytesDelta, bytes)])]);
  }

  const HeapSnapshots = {
    name: 'V8HeapSnapshots',
    props: {
      instance: { type: Object, required: true },
      application: { type: Object, default: null },
    },
    setup(props) {
      const state = reactive({
        loading: true, snapshots: [], unreachable: null, error: null, busy: null, writable: true, live: true,
        starting: false, summary: null, filter: '', diff: null, compare: [], analysisUnsupported: null,
      });
      let pollTimer = null;
      let generation = 0;
      let unmounted = false;
      const axios = props.instance.axios;
      const running = computed(() => state.snapshots.find(isRunning));

      function schedulePoll() {
        clearTimeout(pollTimer);
        if (!unmounted && running.value) pollTimer = setTimeout(load, POLL_MILLIS);
      }

      function load() {
        return axios.get(ENDPOINT, { headers: JSON_ONLY, suppressToast: true })
          .then((response) => {
            const before = running.value;
            state.snapshots = snapshotsOf(response.data);
            state.unreachable = null;
            if (before && !running.value) {
              const finished = state.snapshots.find((snapshot) => snapshot.name === before.name);
              if (finished && finished.state === 'failed') state.error = t('failed', finished);
            }
          })
          .catch((error) => {
            if ([404, 405, 406].includes(statusOf(error))) state.unreachable = ` (HTTP ${statusOf(error)})`;
            else state.error = describe(t('refresh'), error);
          })
          .finally(() => {
            state.loading = false;
            schedulePoll();
          });
      }

      // Spring MVC answers OPTIONS with the methods that the endpoint's access lets through
      function detectAccess() {
        return axios.options(ENDPOINT, { suppressToast: true })
          .then((response) => {
            const allow = response.headers.allow;
            if (allow) state.writable = allow.split(',').map((method) => method.trim().toUpperCase()).includes('POST');
          })
          .catch(() => { /* unknown: keep the buttons, a refused POST says why */ });
      }

      function take() {
        state.error = null;
        state.busy = null;
        state.starting = true;
        axios.post(ENDPOINT, { live: state.live }, { headers: { ...JSON_ONLY, 'Content-Type': 'application/json' }, suppressToast: true })
          .then((response) => {
            const started = response.data;
            if (started && started.name && !state.snapshots.some((snapshot) => snapshot.name === started.name)) {
              state.snapshots = [started, ...state.snapshots];
            }
          })
          .catch((error) => {
            const status = statusOf(error);
            const data = error.response ? error.response.data : null;
            if (status === 429) {
              const other = (data && data.inProgress) || {};
              state.busy = t('busy', { since: timestamp(other.created), name: other.name || '' });
            }
            else if (status === 404 || status === 405) {
              state.writable = false;
            }
            else {
              state.error = describe(t('take'), error);
            }
          })
          .finally(() => {
            state.starting = false;
            return load();
          });
      }

      function download(snapshot) {
        // A new window streams the file to disk under its own name, as SBA's heap dump view does
        window.open(`instances/${encodeURIComponent(props.instance.id)}/${ENDPOINT}/${encodeURIComponent(snapshot.name)}`, '_blank');
      }

      function remove(snapshot) {
        axios.delete(`${ENDPOINT}/${encodeURIComponent(snapshot.name)}`, { suppressToast: true })
          .then(() => {
            if (state.summary && state.summary.name === snapshot.name) state.summary = null;
            state.compare = state.compare.filter((name) => name !== snapshot.name);
          })
          .catch((error) => {
            if (statusOf(error) === 405) state.writable = false;
            else state.error = describe(t('delete'), error);
          })
          .finally(load);
      }

      function analyse(target, path, what) {
        const mine = ++generation;
        state[target] = { ...state[target], pending: true, data: null };
        pollAnalysis(props.instance, path, () => unmounted || mine !== generation)
          .then((result) => {
            if (mine !== generation) return;
            if (result.unsupported) {
              state[target] = null;
              state.analysisUnsupported = result.unsupported;
            }
            else {
              state[target] = { ...state[target], pending: false, data: result.data };
            }
          })
          .catch((error) => {
            state[target] = null;
            state.error = describe(what, error);
          });
      }

      function showSummary(snapshot) {
        state.diff = null;
        state.summary = { name: snapshot.name };
        analyse('summary', `${encodeURIComponent(snapshot.name)}/summary`, t('summary'));
      }

      function showDiff() {
        const byName = new Map(state.snapshots.map((snapshot) => [snapshot.name, snapshot]));
        const [base, name] = [...state.compare].sort((a, b) => new Date(byName.get(a).created) - new Date(byName.get(b).created));
        state.summary = null;
        state.diff = { name, base };
        analyse('diff', `${encodeURIComponent(name)}/diff/${encodeURIComponent(base)}`, t('compareButton'));
      }

      function toggleCompare(name, checked) {
        const others = state.compare.filter((other) => other !== name);
        state.compare = checked ? [...others.slice(-1), name] : others;
      }

      onMounted(() => {
        if (props.instance.hasEndpoint('v8heapsnapshot')) {
          detectAccess().then(load);
        }
        else {
          state.loading = false;
          state.unreachable = ' (it is not in its actuator index)';
        }
      });
      onBeforeUnmount(() => {
        unmounted = true;
        clearTimeout(pollTimer);
      });

      return () => {
        const SbaPanel = resolveComponent('sba-panel');
        const SbaButton = resolveComponent('sba-button');
        const SbaConfirmButton = resolveComponent('sba-confirm-button');
        const SbaLoadingSpinner = resolveComponent('sba-loading-spinner');
        const stored = state.snapshots.filter((snapshot) => snapshot.state === undefined || snapshot.state === 'stored');

        const toolbar = !state.unreachable && state.writable ? h('div', { class: 'v8hs-toolbar' }, [
          h('label', { class: 'v8hs-check' }, [
            h('input', { type: 'checkbox', checked: state.live, 'data-v8hs': 'live',
              onChange: (event) => { state.live = event.target.checked; } }),
            h('span', t('live')),
          ]),
          h(SbaButton, { primary: true, disabled: state.starting || !!running.value, 'data-v8hs': 'take', onClick: take },
            () => t('take')),
        ]) : null;

        const rows = state.snapshots.map((snapshot) => {
          const storedRow = snapshot.state === undefined || snapshot.state === 'stored';
          const status = isRunning(snapshot) ? h('span', { class: 'v8hs-badge v8hs-badge-running' }, t('inProgress'))
            : snapshot.state === 'failed' ? h('span', { class: 'v8hs-badge v8hs-badge-failed', title: snapshot.failure }, t('stateFailed')) : null;
          return h('tr', { key: snapshot.name, 'data-v8hs': 'snapshot', 'data-name': snapshot.name, 'data-state': snapshot.state || 'stored',
            class: { 'v8hs-selected': state.summary && state.summary.name === snapshot.name } }, [
            state.analysisUnsupported ? null : h('td', storedRow ? h('input', { type: 'checkbox', title: t('column.compare'),
              'data-v8hs': 'compare', checked: state.compare.includes(snapshot.name),
              onChange: (event) => toggleCompare(snapshot.name, event.target.checked) }) : null),
            h('td', [mono(snapshot.name), status ? ' ' : null, status]),
            h('td', timestamp(snapshot.created)),
            h('td', snapshot.trigger || '–'),
            h('td', snapshot.live === undefined ? '–' : t(snapshot.live ? 'yes' : 'no')),
            h('td', { class: 'v8hs-number' }, `${bytes(snapshot.hprofBytes)} → ${bytes(snapshot.snapshotBytes)}`),
            h('td', { class: 'v8hs-number' }, count(snapshot.nodeCount)),
            h('td', { class: 'v8hs-number' }, `${millis(snapshot.dumpMillis)} + ${millis(snapshot.convertMillis)}`),
            h('td', { class: 'v8hs-actions' }, storedRow ? [
              state.analysisUnsupported ? null : h(SbaButton, { size: 'xs', 'data-v8hs': 'show-summary', onClick: () => showSummary(snapshot) }, () => t('summary')),
              h(SbaButton, { size: 'xs', 'data-v8hs': 'download', onClick: () => download(snapshot) }, () => t('download')),
              state.writable ? h(SbaConfirmButton, { size: 'xs', 'data-v8hs': 'delete', onClick: () => remove(snapshot) },
                { default: () => t('delete'), confirm: () => t('confirmDelete') }) : null,
            ] : null),
          ]);
        });

        const list = state.snapshots.length === 0 ? h('p', { class: 'v8hs-muted', 'data-v8hs': 'empty' }, t('empty'))
          : h('table', { class: 'table table-full table-sm v8hs-table', 'data-v8hs': 'snapshots' }, [
            h('thead', h('tr', (state.analysisUnsupported ? [] : ['compare']).concat(['name', 'created', 'trigger', 'live', 'sizes', 'nodes', 'times']).map((key) =>
              h('th', { class: ['sizes', 'nodes', 'times'].includes(key) ? 'v8hs-number' : null }, t(`column.${key}`))).concat([h('th')]))),
            h('tbody', rows),
          ]);

        const analysis = [];
        if (state.summary) {
          analysis.push(h(SbaPanel, { title: t('summaryOf', { name: state.summary.name }), closeable: true,
            onClose: () => { state.summary = null; } }, () => (state.summary.pending
            ? h('p', { class: 'v8hs-muted', 'data-v8hs': 'summary-pending' }, [h(SbaLoadingSpinner, { size: 'sm' }), ' ', t('summaryPending')])
            : summaryView(state.summary.data, state.filter, (filter) => { state.filter = filter; }))));
        }
        if (state.diff) {
          analysis.push(h(SbaPanel, { title: t('diffOf', { base: state.diff.base, name: state.diff.name }), closeable: true,
            onClose: () => { state.diff = null; } }, () => (state.diff.pending
            ? h('p', { class: 'v8hs-muted', 'data-v8hs': 'diff-pending' }, [h(SbaLoadingSpinner, { size: 'sm' }), ' ', t('diffPending')])
            : diffView(state.diff.data, state.filter, (filter) => { state.filter = filter; }))));
        }

        return h('section', { class: 'v8hs', 'data-v8hs': 'view' }, [
          state.unreachable ? alert('error', t('notExposed', { status: state.unreachable }), 'not-exposed')
            : h('div', { class: 'v8hs-alert v8hs-alert-warn', role: 'alert' }, [h('p', t('warnSensitive')), h('p', t('warnCost'))]),
          !state.unreachable && !state.writable ? alert('info', t('readOnly'), 'read-only') : null,
          state.busy ? alert('warn', state.busy, 'busy') : null,
          state.error ? alert('error', state.error, 'error') : null,
          state.analysisUnsupported ? alert('info', t('unsupported', { status: state.analysisUnsupported }), 'unsupported') : null,
          state.unreachable ? null : h(SbaPanel, { title: t('title'), loading: state.loading }, {
            actions: () => toolbar,
            default: () => [
              running.value ? progressBar(running.value) : null,
              list,
              stored.length >= 2 && !state.analysisUnsupported ? h('div', { class: 'v8hs-compare' }, [
                h('span', { class: 'v8hs-muted' }, t('compareHint')),
                h(SbaButton, { size: 'xs', disabled: state.compare.length !== 2, 'data-v8hs': 'compare-button', onClick: showDiff },
                  () => t('compareButton')),
              ]) : null,
            ],
          }),
          ...analysis,
          h(SbaPanel, { title: t('devtoolsTitle') }, () => h('p', { class: 'v8hs-muted' }, t('devtools'))),
        ]);
      };
    },
  };

  globalThis.SBA.use({
    install({ viewRegistry, i18n }) {
      i18n.mergeLocaleMessage('en', { instances: { v8heapsnapshot: { label: messages.label } } });
      viewRegistry.addView({
        name: 'instances/v8heapsnapshot',
        parent: 'instances',
        path: 'v8heapsnapshot',
        component: HeapSnapshots,
        label: 'instances.v8heapsnapshot.label',
        group: 'jvm',
        // Right after SBA's own "Heap Dump" (800)
        order: 801,
        // Also where only heapdump is exposed, to say how to expose this endpoint
        isEnabled: ({ instance }) => instance.hasEndpoint('v8heapsnapshot') || instance.hasEndpoint('heapdump'),
      });
    },
  });
})();
