# The cdk8s-batch schedule reconciler image (and the cdk8s-batch CLI).
#
#   docker build -t registry.example.com/cdk8s-batch:0.1.0 .
#   docker push registry.example.com/cdk8s-batch:0.1.0
#
# then deploy it with the ScheduleReconciler construct (image: that tag). The container runs
# `cdk8s-batch reconcile` by default; any other subcommand works too (`docker run IMAGE lint ...`).

# Build: install exactly what the lockfile pins, compile, then drop the dev dependencies.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No lifecycle scripts: `prepare` would compile before the sources are here.
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

# Run: the compiled library and its production dependencies only, as a non-root user.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib/src ./lib/src
# 65532 ("nonroot"), the user ScheduleReconciler runs the pod as (runAsNonRoot needs a numeric user).
USER 65532:65532
ENTRYPOINT ["node", "lib/src/cli/main.js"]
CMD ["reconcile"]
