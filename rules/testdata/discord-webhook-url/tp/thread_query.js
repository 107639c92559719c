const url = '{{webhook}}?thread_id=' + threadId;
