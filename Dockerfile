# The cdk8s-batch schedule reconciler image: the runtime package (packages/reconciler,
# cdk8s-batch-reconciler) and the library it imports, on Node.js 24 LTS.
#
#   docker build -t registry.example.com/cdk8s-batch-reconciler:0.1.0 .
#   docker push registry.example.com/cdk8s-batch-reconciler:0.1.0
#
# then deploy it with the ScheduleReconciler construct (image: that tag). The container runs
# `cdk8s-batch-reconciler reconcile` by default; every other command works too
# (`docker run IMAGE lint ...`, `docker run IMAGE trigger NAME`).

# Build: install exactly what the lockfile pins (both workspaces), compile, then drop the dev dependencies.
FROM node:24.22.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/reconciler/package.json ./packages/reconciler/
# No lifecycle scripts: nothing may build before the sources are here.
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY packages/reconciler/tsconfig.build.json ./packages/reconciler/
COPY packages/reconciler/src ./packages/reconciler/src
RUN npm run build && npm prune --omit=dev --ignore-scripts

# Run: the compiled packages and their production dependencies only, as a non-root user, with no
# package manager (npm and corepack are removed: the image installs nothing at run time).
FROM node:24.22.1-bookworm-slim
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
    /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib/src ./lib/src
COPY --from=build /app/packages/reconciler/package.json ./packages/reconciler/
COPY --from=build /app/packages/reconciler/lib/src ./packages/reconciler/lib/src
# 65532 ("nonroot"), the user ScheduleReconciler runs the pod as (runAsNonRoot needs a numeric user).
USER 65532:65532
ENTRYPOINT ["node", "packages/reconciler/lib/src/main.js"]
CMD ["reconcile"]
