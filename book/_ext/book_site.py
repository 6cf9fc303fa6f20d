"""Site settings that follow from where the book lives (`repository.url` in _config.yml).

Jupyter Book 1 renders a repository, an issue and launch (Binder, Colab) button from fixed
switches, and refuses the switches without a URL. Here the URL alone decides:

- unset (``url: ""``): no repository, issue, edit or launch button, and no Thebe (whose
  configuration script names a CDN and a repository); the site links to no host of its own.
- set: the repository and issue buttons, and Binder and Colab launch buttons for every notebook
  (``launch_buttons`` in _config.yml), all pointing at that repository and branch.

"""

from __future__ import annotations

LAUNCH_KEYS = (
    "binderhub_url",
    "jupyterhub_url",
    "colab_url",
    "deepnote_url",
    "thebe",
)


def _configure(app, config) -> None:
    options = config.html_theme_options
    url = (options.get("repository_url") or "").strip()
    launch = dict(options.get("launch_buttons") or {})
    if url:
        # Jupyter Book's defaults switch both off (its YAML cannot make them depend on the URL).
        options["use_repository_button"] = options["use_issues_button"] = True
    else:
        options["repository_url"] = ""
        for key in (
            "use_repository_button",
            "use_issues_button",
            "use_edit_page_button",
            "use_source_button",
        ):
            options[key] = False
        launch = {k: v for k, v in launch.items() if k not in LAUNCH_KEYS}
    options["launch_buttons"] = launch
    if not launch.get("thebe"):
        # sphinx-thebe otherwise adds its configuration to every page (twice on notebook pages,
        # which throws "Identifier 'THEBE_JS_URL' has already been declared"), naming unpkg.com.
        # Its stylesheet stays (it is served from the site and styles nothing).
        for event in ("env-before-read-docs", "doctree-resolved"):
            listeners = app.events.listeners[event]
            listeners[:] = [
                li
                for li in listeners
                if getattr(li.handler, "__module__", "") != "sphinx_thebe"
            ]


def setup(app):
    app.connect("config-inited", _configure, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
