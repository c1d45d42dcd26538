# SVEN val split, cwe-079, after the fix: apps/oozie/src/oozie/views/editor2.py::list_editor_workflows
# source: eth-sri/sven@e8449a0 data_train_val (MIT, (c) 2024 SRI Lab, ETH Zurich); upstream: github.com/gethue/hue/commit/6641c62beaa1468082e47d82da5ed758d11c7735
def list_editor_workflows(request):  
  workflows = [d.content_object.to_dict() for d in Document.objects.get_docs(request.user, Document2, extra='workflow2')]

  return render('editor/list_editor_workflows.mako', request, {
      'workflows_json': json.dumps(workflows, cls=JSONEncoderForHTML)
  })
