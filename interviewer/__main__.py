from interviewer.cli.main import main

raise SystemExit(main())
