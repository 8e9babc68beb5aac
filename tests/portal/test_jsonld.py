import json

from portal.lib.jsonld import json_for_script


def test_json_for_script_cannot_close_the_script_element_and_reads_back_the_same():
    data = {"name": "Hội thảo </script><script>alert(1)</script> & <!-- x -->"}

    text = json_for_script(data)

    assert "<" not in text and ">" not in text and "&" not in text
    assert text == (
        '{"name":"Hội thảo \\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E'
        ' \\u0026 \\u003C!-- x --\\u003E"}'
    )
    assert json.loads(text) == data
