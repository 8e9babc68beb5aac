def clean_body(html: str) -> str:
    return html
